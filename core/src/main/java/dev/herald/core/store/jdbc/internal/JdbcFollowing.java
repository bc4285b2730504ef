package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.Following;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Follows sent by local actors, in {@code <prefix>following}. Thread-safe. */
public final class JdbcFollowing implements FollowingStore {
    private static final String COLUMNS = "actor, followee, follow_activity, accepted, since";

    private final Db db;

    /** Follows in {@code db}. */
    public JdbcFollowing(Db db) {
        this.db = db;
    }

    @Override
    public void put(Following f) {
        String sql = db.upsert("following", 2, "actor", "followee", "follow_activity", "accepted", "since");
        db.tx("store the follow of " + f.followee() + " by " + f.actor(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, f.actor());
                ps.setString(2, f.followee().toString());
                Db.setOptional(ps, 3, f.followActivity());
                ps.setBoolean(4, f.accepted());
                Db.setInstant(ps, 5, f.since());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Following> find(String actor, URI followee) {
        return db.tx("read the follow of " + followee + " by " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + db.t("following") + " WHERE actor = ? AND followee = ?")) {
                ps.setString(1, actor);
                ps.setString(2, followee.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean remove(String actor, URI followee) {
        return db.tx("remove the follow of " + followee + " by " + actor, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("following") + " WHERE actor = ? AND followee = ?")) {
                ps.setString(1, actor);
                ps.setString(2, followee.toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Page<Following> list(String actor, PageRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM " + db.t("following") + " WHERE actor = ? AND accepted = TRUE"
                + Pages.after(page, "since", "followee", false) + Pages.order("since", "followee", false);
        return db.tx("list whom " + actor + " follows", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, actor);
                Pages.bind(ps, 2, page);
                return Pages.read(ps, page, JdbcFollowing::read, Following::since, f -> f.followee()
                        .toString());
            }
        });
    }

    @Override
    public long count(String actor) {
        return db.tx("count whom " + actor + " follows", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM " + db.t("following") + " WHERE actor = ? AND accepted = TRUE")) {
                ps.setString(1, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static Following read(ResultSet rs) throws SQLException {
        return new Following(
                rs.getString("actor"),
                URI.create(rs.getString("followee")),
                Db.uri(rs, "follow_activity"),
                rs.getBoolean("accepted"),
                Db.requiredInstant(rs, "since"));
    }
}
