package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.RemoteActorCache;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The remote-actor cache in {@code <prefix>remote_actors}. Thread-safe. */
public final class JdbcRemoteActors implements RemoteActorCache {
    private static final String COLUMNS =
            "actor_id, key_id, public_key_pem, inbox, shared_inbox, document, fetched_at, expires_at";

    private final Db db;

    /** The cache in {@code db}. */
    public JdbcRemoteActors(Db db) {
        this.db = db;
    }

    @Override
    public void put(RemoteActor a) {
        String sql = db.upsert(
                "remote_actors",
                1,
                "actor_id",
                "key_id",
                "public_key_pem",
                "inbox",
                "shared_inbox",
                "document",
                "fetched_at",
                "expires_at");
        db.tx("cache remote actor " + a.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, a.id().toString());
                Db.setOptional(ps, 2, a.keyId());
                Db.setOptional(ps, 3, a.publicKeyPem());
                Db.setOptional(ps, 4, a.inbox());
                Db.setOptional(ps, 5, a.sharedInbox());
                ps.setString(6, a.json());
                Db.setInstant(ps, 7, a.fetchedAt());
                Db.setInstant(ps, 8, a.expiresAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RemoteActor> find(URI actorId) {
        return findBy("actor_id", actorId);
    }

    @Override
    public Optional<RemoteActor> findByKeyId(URI keyId) {
        return findBy("key_id", keyId);
    }

    private Optional<RemoteActor> findBy(String column, URI value) {
        return db.tx("read cached remote actor " + value, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + db.t("remote_actors")
                    + " WHERE " + column + " = ? ORDER BY fetched_at DESC LIMIT 1")) {
                ps.setString(1, value.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean evict(URI actorId) {
        return db.tx("evict cached remote actor " + actorId, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("remote_actors") + " WHERE actor_id = ?")) {
                ps.setString(1, actorId.toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.tx("purge expired remote actors", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("remote_actors") + " WHERE expires_at <= ?")) {
                Db.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }

    private static RemoteActor read(ResultSet rs) throws SQLException {
        return new RemoteActor(
                URI.create(rs.getString("actor_id")),
                Db.uri(rs, "key_id"),
                Optional.ofNullable(rs.getString("public_key_pem")),
                Db.uri(rs, "inbox"),
                Db.uri(rs, "shared_inbox"),
                rs.getString("document"),
                Db.requiredInstant(rs, "fetched_at"),
                Db.requiredInstant(rs, "expires_at"));
    }
}
