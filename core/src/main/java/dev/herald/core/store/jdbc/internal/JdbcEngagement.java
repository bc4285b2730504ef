package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Engagement in {@code <prefix>engagements}, keyed by activity id. Thread-safe. */
public final class JdbcEngagement implements EngagementStore {
    private static final String COLUMNS = "activity_id, kind, object_id, actor, happened_at, url, content";

    private final Db db;

    /** Engagement in {@code db}. */
    public JdbcEngagement(Db db) {
        this.db = db;
    }

    @Override
    public boolean record(Engagement e) {
        return db.tx("record " + e.kind() + " " + e.activityId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("engagements") + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)" + db.ignoreConflicts())) {
                ps.setString(1, e.activityId().toString());
                ps.setString(2, e.kind().name());
                ps.setString(3, e.objectId().toString());
                ps.setString(4, e.actor().toString());
                Db.setInstant(ps, 5, e.at());
                Db.setOptional(ps, 6, e.url());
                Db.setOptional(ps, 7, e.content());
                return db.insertIgnoring(ps) == 1;
            }
        });
    }

    @Override
    public Optional<Engagement> find(URI activityId) {
        return db.tx("read engagement " + activityId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + db.t("engagements") + " WHERE activity_id = ?")) {
                ps.setString(1, activityId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean undo(URI activityId) {
        return delete("undo engagement " + activityId, "activity_id = ?", activityId.toString()) > 0;
    }

    @Override
    public int undo(Engagement.Kind kind, URI objectId, URI actor) {
        return delete(
                "undo " + kind + " of " + objectId + " by " + actor,
                "kind = ? AND object_id = ? AND actor = ?",
                kind.name(),
                objectId.toString(),
                actor.toString());
    }

    @Override
    public int removeByActor(URI actor) {
        return delete("remove the engagement of " + actor, "actor = ?", actor.toString());
    }

    private int delete(String what, String where, String... values) {
        return db.tx(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + db.t("engagements") + " WHERE " + where)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 1, values[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public EngagementCounts counts(URI objectId) {
        return db.tx("count the engagement of " + objectId, c -> {
            Map<Engagement.Kind, Long> counts = new EnumMap<>(Engagement.Kind.class);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, COUNT(*) FROM " + db.t("engagements") + " WHERE object_id = ? GROUP BY kind")) {
                ps.setString(1, objectId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(Engagement.Kind.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return new EngagementCounts(
                    counts.getOrDefault(Engagement.Kind.LIKE, 0L),
                    counts.getOrDefault(Engagement.Kind.BOOST, 0L),
                    counts.getOrDefault(Engagement.Kind.REPLY, 0L),
                    counts.getOrDefault(Engagement.Kind.QUOTE, 0L));
        });
    }

    @Override
    public Page<Engagement> list(URI objectId, Engagement.Kind kind, PageRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM " + db.t("engagements") + " WHERE object_id = ? AND kind = ?"
                + Pages.after(page, "happened_at", "activity_id", false)
                + Pages.order("happened_at", "activity_id", false);
        return db.tx("list the engagement of " + objectId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, objectId.toString());
                ps.setString(2, kind.name());
                Pages.bind(ps, 3, page);
                return Pages.read(ps, page, JdbcEngagement::read, Engagement::at, e -> e.activityId()
                        .toString());
            }
        });
    }

    private static Engagement read(ResultSet rs) throws SQLException {
        return new Engagement(
                Engagement.Kind.valueOf(rs.getString("kind")),
                URI.create(rs.getString("object_id")),
                URI.create(rs.getString("actor")),
                URI.create(rs.getString("activity_id")),
                Db.requiredInstant(rs, "happened_at"),
                Db.uri(rs, "url"),
                Optional.ofNullable(rs.getString("content")));
    }
}
