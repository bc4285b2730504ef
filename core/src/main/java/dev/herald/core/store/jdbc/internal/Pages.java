package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.internal.Cursor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging: a query sorted by (time, id) continues strictly after the cursor's key, and asks for one
 * row more than the page to know whether there is a next one. Stateless.
 */
final class Pages {
    private Pages() {}

    /** Reads one row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The condition to add for the cursor, on the given time and id columns ({@code ""} on a first page).
     * Binds with {@link #bind}.
     */
    static String after(PageRequest request, String at, String id, boolean newestFirst) {
        if (request.cursor().isEmpty()) {
            return "";
        }
        String op = newestFirst ? "<" : ">";
        return " AND (" + at + " " + op + " ? OR (" + at + " = ? AND " + id + " " + op + " ?))";
    }

    /** The ORDER BY and LIMIT for the page. */
    static String order(String at, String id, boolean newestFirst) {
        String dir = newestFirst ? " DESC" : "";
        return " ORDER BY " + at + dir + ", " + id + dir + " LIMIT ?";
    }

    /** Binds the cursor's parameters (if any) and the limit from {@code index}. */
    static void bind(PreparedStatement ps, int index, PageRequest request) throws SQLException {
        int i = index;
        if (request.cursor().isPresent()) {
            Cursor cursor = Cursor.decode(request.cursor().get());
            Db.setInstant(ps, i++, cursor.at());
            Db.setInstant(ps, i++, cursor.at());
            ps.setString(i++, cursor.id());
        }
        ps.setInt(i, request.limit() + 1);
    }

    /** Runs the bound query and cuts the page. */
    static <T> Page<T> read(
            PreparedStatement ps,
            PageRequest request,
            RowReader<T> reader,
            Function<T, Instant> at,
            Function<T, String> id)
            throws SQLException {
        List<T> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(reader.read(rs));
            }
        }
        if (items.size() <= request.limit()) {
            return new Page<>(items, Optional.empty());
        }
        List<T> page = items.subList(0, request.limit());
        T last = page.get(page.size() - 1);
        return new Page<>(page, Optional.of(new Cursor(at.apply(last), id.apply(last)).encode()));
    }
}
