package dev.herald.core.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one HTTP/1.1 response incrementally, from whatever bytes arrive: the status line and head (interim 1xx
 * responses skipped), then the body by {@code Content-Length}, chunked, or until the connection closes. Keeps the
 * status, {@code Retry-After}, whether the connection may be reused, and the first {@value InboxClient#KEPT}
 * characters of the body; the rest of the body is counted and discarded, at most {@code maxBodyBytes} of it.
 *
 * <p>Not thread-safe: one connection's reader, used under that connection's lock.
 */
final class ResponseReader {
    static final int MAX_HEAD = 32 * 1024;

    private static final int STATUS = 0;
    private static final int HEADERS = 1;
    private static final int BODY = 2;
    private static final int CHUNK_SIZE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_END = 5;
    private static final int TRAILERS = 6;
    private static final int UNTIL_CLOSE = 7;
    private static final int DONE = 8;

    private final long maxBodyBytes;
    private final StringBuilder line = new StringBuilder(64);
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream(64);
    private int state = STATUS;
    private int headBytes;
    private boolean sawBytes;
    private int status;
    private boolean close;
    private long length;
    private boolean chunked;
    private String retryAfter;
    private long left;
    private long budget;
    private boolean complete;

    ResponseReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        reset();
    }

    /** Makes the reader ready for the next response on the same connection. */
    void reset() {
        state = STATUS;
        headBytes = 0;
        sawBytes = false;
        kept.reset();
        line.setLength(0);
        startHead();
    }

    private void startHead() {
        status = 0;
        close = false;
        length = -1;
        chunked = false;
        retryAfter = null;
        budget = maxBodyBytes;
        complete = false;
    }

    /** Whether any byte of the response has arrived. */
    boolean sawBytes() {
        return sawBytes;
    }

    /** Whether the whole response has been read. */
    boolean done() {
        return state == DONE;
    }

    /** Whether the connection may carry another request: the body was read to its end and nobody asked to close. */
    boolean reusable() {
        return state == DONE && complete && !close;
    }

    /** The response, once {@link #done()}. */
    InboxClient.Response response() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return new InboxClient.Response(
                status,
                Optional.ofNullable(retryAfter),
                text.length() > InboxClient.KEPT ? text.substring(0, InboxClient.KEPT) : text);
    }

    /**
     * Consumes bytes from {@code in} until it is empty or the response ends; the bytes after the end stay in
     * {@code in}.
     *
     * @return whether the response ended
     * @throws IOException if the bytes are not an HTTP/1.x response or break a limit
     */
    boolean read(ByteBuffer in) throws IOException {
        if (in.hasRemaining()) {
            sawBytes = true;
        }
        while (in.hasRemaining() && state != DONE) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    String l = line(in);
                    if (l != null) {
                        onLine(l);
                    }
                }
                case BODY, CHUNK_DATA, UNTIL_CLOSE -> {
                    int n = (int) Math.min(in.remaining(), left);
                    keep(in, n);
                    left -= n;
                    if (left == 0) {
                        if (state == BODY) {
                            state = DONE;
                        } else if (state == CHUNK_DATA) {
                            state = CHUNK_END;
                        } else {
                            state = DONE; // the cap: the rest of a body without length is not read
                        }
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return state == DONE;
    }

    /**
     * The connection ended.
     *
     * @return whether that completes the response (a body that runs until the connection closes)
     * @throws EOFException if the response was cut short
     */
    boolean end() throws EOFException {
        if (state == UNTIL_CLOSE) {
            state = DONE;
            return true;
        }
        if (state == DONE) {
            return true;
        }
        throw new EOFException(
                state == STATUS || state == HEADERS
                        ? "the connection ended in the middle of the response head"
                        : "the connection ended in the middle of the response body");
    }

    private String line(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            char c = (char) (in.get() & 0xff);
            if (++headBytes > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                String l = line.toString();
                line.setLength(0);
                return l;
            }
            line.append(c);
        }
        return null;
    }

    private void onLine(String l) throws IOException {
        switch (state) {
            case STATUS -> statusLine(l);
            case HEADERS -> {
                if (l.isEmpty()) {
                    endOfHead();
                } else {
                    header(l);
                }
            }
            case CHUNK_SIZE -> chunkSize(l);
            case CHUNK_END -> state = CHUNK_SIZE;
            case TRAILERS -> {
                if (l.isEmpty()) {
                    complete = true;
                    state = DONE;
                }
            }
            default -> throw new IllegalStateException("state " + state);
        }
    }

    private void statusLine(String l) throws IOException {
        // HTTP/1.1 200 OK
        if (!l.startsWith("HTTP/1.") || l.length() < 12) {
            throw new IOException("not an HTTP/1.x response: " + cut(l));
        }
        try {
            status = Integer.parseInt(l.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + cut(l));
        }
        close = l.startsWith("HTTP/1.0");
        state = HEADERS;
    }

    private void header(String l) throws IOException {
        int colon = l.indexOf(':');
        if (colon <= 0) {
            return;
        }
        if (named(l, colon, "content-length")) {
            String value = l.substring(colon + 1).trim();
            try {
                length = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + cut(value));
            }
            if (length < 0) {
                throw new IOException("bad Content-Length: " + cut(value));
            }
        } else if (named(l, colon, "transfer-encoding")) {
            chunked = l.substring(colon + 1).trim().toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (named(l, colon, "connection")) {
            close |= l.substring(colon + 1).toLowerCase(Locale.ROOT).contains("close");
        } else if (named(l, colon, "retry-after")) {
            retryAfter = l.substring(colon + 1).trim();
        }
    }

    /** Whether the header line's name (before {@code colon}, spaces around it ignored) is {@code name}, any case. */
    private static boolean named(String line, int colon, String name) {
        int start = 0;
        int end = colon;
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) == ' ') {
            end--;
        }
        return end - start == name.length() && line.regionMatches(true, start, name, 0, name.length());
    }

    private void endOfHead() {
        if (status >= 100 && status < 200) {
            // An interim response: the real one follows.
            state = STATUS;
            startHead();
            return;
        }
        headBytes = 0;
        if (status == 204 || status == 304) {
            complete = true;
            state = DONE;
        } else if (chunked) {
            state = CHUNK_SIZE;
        } else if (length >= 0) {
            complete = length <= budget;
            left = Math.min(length, budget);
            state = left == 0 ? DONE : BODY;
        } else {
            // No length: the body ends when the server closes the connection; read what the cap allows.
            left = budget;
            state = left == 0 ? DONE : UNTIL_CLOSE;
        }
    }

    private void chunkSize(String l) throws IOException {
        headBytes = 0; // each size line is limited on its own
        int semi = l.indexOf(';');
        long size;
        try {
            size = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + cut(l));
        }
        if (size < 0) {
            throw new IOException("bad chunk size: " + cut(l));
        }
        if (size == 0) {
            state = TRAILERS;
        } else if (size > budget) {
            // Over the cap: stop here; the connection is not reused.
            complete = false;
            state = DONE;
        } else {
            budget -= size;
            left = size;
            state = CHUNK_DATA;
        }
    }

    private void keep(ByteBuffer in, int n) {
        int room = InboxClient.KEPT * 4 - kept.size();
        int take = Math.min(room, n);
        if (take > 0) {
            if (in.hasArray()) {
                kept.write(in.array(), in.arrayOffset() + in.position(), take);
            } else {
                for (int i = 0; i < take; i++) {
                    kept.write(in.get(in.position() + i));
                }
            }
        }
        in.position(in.position() + n);
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
