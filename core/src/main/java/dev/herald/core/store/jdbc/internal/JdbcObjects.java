package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Objects in {@code <prefix>objects}; a deleted one keeps its row with {@code deleted} set. Thread-safe. */
public final class JdbcObjects implements ObjectStore {
    private static final String COLUMNS =
            "id, actor, object_type, document, published, updated, deleted, visibility, pinned";

    private final Db db;

    /** Objects in {@code db}. */
    public JdbcObjects(Db db) {
        this.db = db;
    }

    @Override
    public void put(StoredObject object) {
        db.tx("store object " + object.id(), c -> {
            put(c, object);
            return null;
        });
    }

    /** Stores the object on {@code c}, in the caller's transaction. */
    public void put(Connection c, StoredObject o) throws SQLException {
        String sql = db.upsert(
                "objects",
                1,
                "id",
                "actor",
                "object_type",
                "document",
                "published",
                "updated",
                "deleted",
                "visibility",
                "pinned");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, o.id().toString());
            ps.setString(2, o.actor());
            ps.setString(3, o.type());
            ps.setString(4, o.json());
            Db.setInstant(ps, 5, o.published());
            Db.setInstant(ps, 6, o.updated());
            Db.setInstant(ps, 7, o.deleted());
            ps.setString(8, o.visibility().name());
            ps.setBoolean(9, o.pinned());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<StoredObject> find(URI id) {
        return db.tx("read object " + id, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM " + db.t("objects") + " WHERE id = ?")) {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean markDeleted(URI id, Instant when) {
        return update(
                "mark object " + id + " deleted", "deleted = ?, pinned = FALSE", id, ps -> Db.setInstant(ps, 1, when));
    }

    @Override
    public boolean setPinned(URI id, boolean pinned) {
        return update("pin object " + id, "pinned = ?", id, ps -> ps.setBoolean(1, pinned));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(String what, String set, URI id, Binder binder) {
        return db.tx(what, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE " + db.t("objects") + " SET " + set + " WHERE id = ?")) {
                binder.bind(ps);
                ps.setString(2, id.toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Page<StoredObject> listByActor(String actor, PageRequest page) {
        return list("list the objects of " + actor, actor, "", page);
    }

    @Override
    public long countByActor(String actor) {
        return db.tx("count the objects of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM " + db.t("objects") + " WHERE actor = ? AND deleted IS NULL")) {
                ps.setString(1, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Page<StoredObject> listPinned(String actor, PageRequest page) {
        return list("list the pinned objects of " + actor, actor, " AND pinned = TRUE", page);
    }

    private Page<StoredObject> list(String what, String actor, String filter, PageRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM " + db.t("objects") + " WHERE actor = ? AND deleted IS NULL" + filter
                + Pages.after(page, "published", "id", true) + Pages.order("published", "id", true);
        return db.tx(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, actor);
                Pages.bind(ps, 2, page);
                return Pages.read(ps, page, JdbcObjects::read, StoredObject::published, o -> o.id().toString());
            }
        });
    }

    private static StoredObject read(ResultSet rs) throws SQLException {
        return new StoredObject(
                URI.create(rs.getString("id")),
                rs.getString("actor"),
                rs.getString("object_type"),
                rs.getString("document"),
                Db.requiredInstant(rs, "published"),
                Db.instant(rs, "updated"),
                Db.instant(rs, "deleted"),
                StoredObject.Visibility.valueOf(rs.getString("visibility")),
                rs.getBoolean("pinned"));
    }
}
