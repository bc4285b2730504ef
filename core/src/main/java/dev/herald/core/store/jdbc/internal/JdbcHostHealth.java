package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.HostHealth;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Host health in {@code <prefix>host_health}. A failure is an UPDATE that adds one, so nodes recording
 * failures at once never lose a count. Thread-safe.
 */
public final class JdbcHostHealth implements HostHealthStore {
    private static final String COLUMNS = "host, consecutive_failures, unavailable_since, last_success, last_failure";

    private final Db db;

    /** Host health in {@code db}. */
    public JdbcHostHealth(Db db) {
        this.db = db;
    }

    @Override
    public HostHealth recordFailure(String host, Instant when) {
        String h = HostHealth.normalize(host);
        return db.tx("record a failure of " + h, c -> {
            ensureRow(c, h);
            update(
                    c,
                    h,
                    "consecutive_failures = consecutive_failures + 1,"
                            + " unavailable_since = COALESCE(unavailable_since, ?), last_failure = ?",
                    when,
                    when);
            return find(c, h).orElseThrow();
        });
    }

    @Override
    public HostHealth recordSuccess(String host, Instant when) {
        String h = HostHealth.normalize(host);
        return db.tx("record a success of " + h, c -> {
            ensureRow(c, h);
            update(c, h, "consecutive_failures = 0, unavailable_since = NULL, last_success = ?", when);
            return find(c, h).orElseThrow();
        });
    }

    private void ensureRow(Connection c, String host) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("host_health")
                + " (host, consecutive_failures) VALUES (?, 0)" + db.ignoreConflicts())) {
            ps.setString(1, host);
            db.insertIgnoring(ps);
        }
    }

    private void update(Connection c, String host, String set, Instant... times) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + db.t("host_health") + " SET " + set + " WHERE host = ?")) {
            for (int i = 0; i < times.length; i++) {
                Db.setInstant(ps, i + 1, times[i]);
            }
            ps.setString(times.length + 1, host);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<HostHealth> find(String host) {
        String h = HostHealth.normalize(host);
        return db.tx("read the health of " + h, c -> find(c, h));
    }

    private Optional<HostHealth> find(Connection c, String host) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM " + db.t("host_health") + " WHERE host = ?")) {
            ps.setString(1, host);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Page<HostHealth> listFailing(PageRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM " + db.t("host_health") + " WHERE consecutive_failures > 0"
                + Pages.after(page, "unavailable_since", "host", false)
                + Pages.order("unavailable_since", "host", false);
        return db.tx("list failing hosts", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Pages.bind(ps, 1, page);
                return Pages.read(
                        ps,
                        page,
                        JdbcHostHealth::read,
                        h -> h.unavailableSince().orElseThrow(),
                        HostHealth::host);
            }
        });
    }

    private static HostHealth read(ResultSet rs) throws SQLException {
        return new HostHealth(
                rs.getString("host"),
                rs.getInt("consecutive_failures"),
                Db.instant(rs, "unavailable_since"),
                Db.instant(rs, "last_success"),
                Db.instant(rs, "last_failure"));
    }
}
