package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.QuoteAuthorizationStore;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Quote authorizations in {@code <prefix>quote_authorizations}, keyed by id. Thread-safe. */
public final class JdbcQuoteAuthorizations implements QuoteAuthorizationStore {
    private static final String[] COLUMNS = {
        "id",
        "actor",
        "target",
        "quoting_post",
        "quoting_actor",
        "request_id",
        "inbox",
        "state",
        "requested_at",
        "decided_at"
    };
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM ";

    private final Db db;

    /** Quote authorizations in {@code db}. */
    public JdbcQuoteAuthorizations(Db db) {
        this.db = db;
    }

    @Override
    public void put(QuoteAuthorization a) {
        String sql = db.upsert("quote_authorizations", 1, COLUMNS);
        db.tx("store quote authorization " + a.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, a.id().toString());
                ps.setString(2, a.actor());
                ps.setString(3, a.target().toString());
                ps.setString(4, a.quotingPost().toString());
                ps.setString(5, a.quotingActor().toString());
                ps.setString(6, a.request().toString());
                ps.setString(7, a.inbox().toString());
                ps.setString(8, a.state().name());
                Db.setInstant(ps, 9, a.requested());
                Db.setInstant(ps, 10, a.decided());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<QuoteAuthorization> find(URI id) {
        List<QuoteAuthorization> found = select("read quote authorization " + id, "id = ?", id.toString());
        return found.stream().findFirst();
    }

    @Override
    public List<QuoteAuthorization> findByQuotingPost(URI quotingPost) {
        return select(
                "read the quote authorizations of " + quotingPost,
                "quoting_post = ? ORDER BY requested_at, id",
                quotingPost.toString());
    }

    private List<QuoteAuthorization> select(String what, String where, String value) {
        return db.tx(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + db.t("quote_authorizations") + " WHERE " + where)) {
                ps.setString(1, value);
                List<QuoteAuthorization> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Page<QuoteAuthorization> list(String actor, QuoteAuthorization.State state, PageRequest page) {
        String sql = SELECT + db.t("quote_authorizations") + " WHERE actor = ? AND state = ?"
                + Pages.after(page, "requested_at", "id", false)
                + Pages.order("requested_at", "id", false);
        return db.tx("list the " + state + " quote authorizations of " + actor, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, actor);
                ps.setString(2, state.name());
                Pages.bind(ps, 3, page);
                return Pages.read(
                        ps, page, JdbcQuoteAuthorizations::read, QuoteAuthorization::requested, a -> a.id().toString());
            }
        });
    }

    @Override
    public boolean remove(URI id) {
        return delete("remove quote authorization " + id, "id = ?", id.toString()) > 0;
    }

    @Override
    public int removeByQuotingActor(URI quotingActor) {
        return delete(
                "remove the quote authorizations of " + quotingActor, "quoting_actor = ?", quotingActor.toString());
    }

    private int delete(String what, String where, String value) {
        return db.tx(what, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + db.t("quote_authorizations") + " WHERE " + where)) {
                ps.setString(1, value);
                return ps.executeUpdate();
            }
        });
    }

    private static QuoteAuthorization read(ResultSet rs) throws SQLException {
        return new QuoteAuthorization(
                URI.create(rs.getString("id")),
                rs.getString("actor"),
                URI.create(rs.getString("target")),
                URI.create(rs.getString("quoting_post")),
                URI.create(rs.getString("quoting_actor")),
                URI.create(rs.getString("request_id")),
                URI.create(rs.getString("inbox")),
                QuoteAuthorization.State.valueOf(rs.getString("state")),
                Db.requiredInstant(rs, "requested_at"),
                Db.instant(rs, "decided_at"));
    }
}
