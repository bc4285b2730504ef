package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Followers in {@code <prefix>followers}, each with its delivery inbox and host kept in columns for the
 * fan-out. Thread-safe.
 */
public final class JdbcFollowers implements FollowerStore {
    private static final String COLUMNS = "actor, follower, inbox, shared_inbox, follow_activity, state, since";
    private static final int FETCH = 500;

    private final Db db;

    /** Followers in {@code db}. */
    public JdbcFollowers(Db db) {
        this.db = db;
    }

    @Override
    public void put(Follower f) {
        String sql = db.upsert(
                "followers",
                2,
                "actor",
                "follower",
                "inbox",
                "shared_inbox",
                "follow_activity",
                "state",
                "since",
                "delivery_inbox",
                "delivery_host");
        db.tx("store follower " + f.follower() + " of " + f.actor(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, f.actor());
                ps.setString(2, f.follower().toString());
                ps.setString(3, f.inbox().toString());
                Db.setOptional(ps, 4, f.sharedInbox());
                Db.setOptional(ps, 5, f.followActivity());
                ps.setString(6, f.state().name());
                Db.setInstant(ps, 7, f.since());
                ps.setString(8, f.deliveryInbox().toString());
                ps.setString(9, DeliveryBatch.hostOf(f.deliveryInbox()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Follower> find(String actor, URI follower) {
        return db.tx("read follower " + follower + " of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + db.t("followers") + " WHERE actor = ? AND follower = ?")) {
                ps.setString(1, actor);
                ps.setString(2, follower.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean remove(String actor, URI follower) {
        return db.tx("remove follower " + follower + " of " + actor, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("followers") + " WHERE actor = ? AND follower = ?")) {
                ps.setString(1, actor);
                ps.setString(2, follower.toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Page<Follower> list(String actor, Follower.State state, PageRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM " + db.t("followers") + " WHERE actor = ? AND state = ?"
                + Pages.after(page, "since", "follower", false) + Pages.order("since", "follower", false);
        return db.tx("list the followers of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, actor);
                ps.setString(2, state.name());
                Pages.bind(ps, 3, page);
                return Pages.read(ps, page, JdbcFollowers::read, Follower::since, f -> f.follower()
                        .toString());
            }
        });
    }

    @Override
    public long count(String actor, Follower.State state) {
        return db.tx("count the followers of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM " + db.t("followers") + " WHERE actor = ? AND state = ?")) {
                ps.setString(1, actor);
                ps.setString(2, state.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Streams: the driver fetches {@value #FETCH} rows at a time inside the transaction. */
    @Override
    public void forEachDeliveryInbox(String actor, Consumer<URI> inbox) {
        db.tx("list the delivery inboxes of " + actor + "'s followers", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT delivery_inbox FROM " + db.t("followers") + " WHERE actor = ? AND state = ?")) {
                ps.setFetchSize(FETCH);
                ps.setString(1, actor);
                ps.setString(2, Follower.State.ACCEPTED.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inbox.accept(URI.create(rs.getString(1)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public int removeByInbox(URI inbox) {
        return db.tx("remove the followers at inbox " + inbox, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("followers") + " WHERE delivery_inbox = ? OR inbox = ?")) {
                ps.setString(1, inbox.toString());
                ps.setString(2, inbox.toString());
                return ps.executeUpdate();
            }
        });
    }

    private static Follower read(ResultSet rs) throws SQLException {
        return new Follower(
                rs.getString("actor"),
                URI.create(rs.getString("follower")),
                URI.create(rs.getString("inbox")),
                Db.uri(rs, "shared_inbox"),
                Db.uri(rs, "follow_activity"),
                Follower.State.valueOf(rs.getString("state")),
                Db.requiredInstant(rs, "since"));
    }
}
