package dev.herald.core.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code page} query parameter of a collection: absent (the collection itself), {@code 1} (the first page)
 * or an encoded store cursor (a later page). Cursors are the store's opaque strings, base64url-encoded so that
 * they are safe in a URL and can never be mistaken for {@code 1}. Not part of the API. Immutable and
 * thread-safe.
 *
 * @param requested whether a page was asked for at all
 * @param cursor the store cursor of the page, empty for the first page
 */
public record PageParameter(boolean requested, Optional<String> cursor) {
    /** The value of {@code page} for the first page. */
    public static final String FIRST = "1";

    private static final PageParameter NONE = new PageParameter(false, Optional.empty());
    private static final PageParameter FIRST_PAGE = new PageParameter(true, Optional.empty());
    private static final int MAX_QUERY = 2048;

    /**
     * Reads {@code page} from a raw query; other parameters are ignored.
     *
     * @throws BadRequest if the query is malformed, too long, has two {@code page} parameters, or a cursor that
     *     is not base64url
     */
    public static PageParameter parse(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return NONE;
        }
        if (rawQuery.length() > MAX_QUERY) {
            throw new BadRequest("the query is longer than " + MAX_QUERY + " characters");
        }
        String page = null;
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.equals("page")) {
                continue;
            }
            if (page != null) {
                throw new BadRequest("more than one page parameter");
            }
            page = equals < 0 ? "" : decode(pair.substring(equals + 1));
        }
        if (page == null) {
            return NONE;
        }
        if (page.equals(FIRST) || page.equals("true")) {
            return FIRST_PAGE;
        }
        try {
            String cursor = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8);
            if (cursor.isEmpty()) {
                throw new BadRequest("the page parameter is empty; use page=1 for the first page");
            }
            return new PageParameter(true, Optional.of(cursor));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the page parameter is not a page of this collection; start again with page=1");
        }
    }

    /** The {@code page} value for a store cursor. */
    public static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the query has a malformed percent-encoding");
        }
    }

    /** A request Herald cannot answer because its input is malformed: answered with 400 and the message. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A bad request, with a reason fit to send back. */
        public BadRequest(String reason) {
            super(reason);
        }
    }
}
