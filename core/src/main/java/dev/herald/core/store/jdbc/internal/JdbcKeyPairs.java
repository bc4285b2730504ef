package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.StoredKeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/** Key pairs in {@code <prefix>key_pairs}. Thread-safe. */
public final class JdbcKeyPairs implements KeyPairStore {
    private final Db db;

    /** Key pairs in {@code db}. */
    public JdbcKeyPairs(Db db) {
        this.db = db;
    }

    @Override
    public Optional<StoredKeyPair> find(String actor) {
        return db.tx("read the key pair of " + actor, c -> find(c, actor));
    }

    @Override
    public StoredKeyPair findOrCreate(String actor, Supplier<StoredKeyPair> generate) {
        Optional<StoredKeyPair> found = find(actor);
        if (found.isPresent()) {
            return found.get();
        }
        StoredKeyPair made = generate.get();
        return db.tx("store the key pair of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("key_pairs")
                    + " (actor, private_key_pem, public_key_pem, created_at) VALUES (?, ?, ?, ?)"
                    + db.ignoreConflicts())) {
                ps.setString(1, actor);
                ps.setString(2, made.privateKeyPem());
                ps.setString(3, made.publicKeyPem());
                Db.setInstant(ps, 4, made.created());
                db.insertIgnoring(ps);
            }
            // Whoever inserted first won; everyone returns that pair.
            return find(c, actor).orElseThrow(() -> new SQLException("key pair vanished for " + actor));
        });
    }

    private Optional<StoredKeyPair> find(Connection c, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT private_key_pem, public_key_pem, created_at FROM " + db.t("key_pairs") + " WHERE actor = ?")) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKeyPair(
                        actor,
                        rs.getString("private_key_pem"),
                        rs.getString("public_key_pem"),
                        Db.requiredInstant(rs, "created_at")));
            }
        }
    }
}
