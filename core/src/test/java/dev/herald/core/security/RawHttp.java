package dev.herald.core.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to a loopback server, so that a test can send what {@link java.net.http.HttpClient}
 * refuses to: any {@code Host}, no {@code Content-Type}, a body larger than the server reads, bytes that are not
 * UTF-8. One request per connection ({@code Connection: close}). Thread-safe (it keeps no state).
 */
final class RawHttp {
    private RawHttp() {}

    /** A response: the status and the body as text. */
    record Response(int status, Map<String, String> headers, String body) {}

    /**
     * Sends one request.
     *
     * @param headers the header lines to send, in order ({@code Content-Length} and {@code Connection} are added)
     */
    static Response send(
            InetSocketAddress server,
            String method,
            String target,
            List<Map.Entry<String, String>> headers,
            byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (Map.Entry<String, String> h : headers) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            if (body.length > 0 || method.equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and close before it has read the whole body.
                writeFailure = e;
            }
            try {
                return read(socket.getInputStream());
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        int headEnd = -1;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            if (headEnd < 0) {
                headEnd = all.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            if (headEnd >= 0) {
                Response response = parse(all.toByteArray(), headEnd);
                if (response != null) {
                    return response;
                }
            }
        }
        if (headEnd < 0) {
            throw new IOException("the connection closed before a complete response head: "
                    + all.toString(StandardCharsets.ISO_8859_1));
        }
        return parse(all.toByteArray(), headEnd, true);
    }

    private static Response parse(byte[] bytes, int headEnd) {
        return parse(bytes, headEnd, false);
    }

    /** The response, or null while a body of known length is incomplete. */
    private static Response parse(byte[] bytes, int headEnd, boolean closed) {
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int bodyStart = headEnd + 4;
        int available = bytes.length - bodyStart;
        String length = headers.get("content-length");
        if (length != null) {
            int expected = Integer.parseInt(length);
            if (available < expected) {
                return closed
                        ? new Response(status, headers, new String(bytes, bodyStart, available, StandardCharsets.UTF_8))
                        : null;
            }
            return new Response(status, headers, new String(bytes, bodyStart, expected, StandardCharsets.UTF_8));
        }
        if (!closed) {
            return null;
        }
        return new Response(status, headers, new String(bytes, bodyStart, available, StandardCharsets.UTF_8));
    }
}
