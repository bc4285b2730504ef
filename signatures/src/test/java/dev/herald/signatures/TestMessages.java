package dev.herald.signatures;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link HttpMessage}s from the vectors' JSON and raw HTTP text. */
final class TestMessages {
    private TestMessages() {}

    static JsonObject json(String vectorFile) {
        try (JsonReader reader = Json.createReader(new StringReader(Vectors.read(vectorFile)))) {
            return reader.readObject();
        }
    }

    /** Header pairs {@code [["Name","value"],…]}. */
    static HttpFields fields(JsonArray pairs) {
        HttpFields.Builder builder = HttpFields.builder();
        for (JsonValue pair : pairs) {
            JsonArray nameValue = pair.asJsonArray();
            builder.add(nameValue.getString(0), nameValue.getString(1));
        }
        return builder.build();
    }

    /** A request object with {@code method}, {@code request_target} or {@code path}, and headers. */
    static HttpMessage.Request request(JsonObject message, String scheme) {
        HttpFields fields = fields(message.getJsonArray("headers"));
        String target =
                message.containsKey("request_target") ? message.getString("request_target") : message.getString("path");
        String host = fields.first("host").orElseThrow();
        return new HttpMessage.Request(
                message.getString("method"),
                URI.create(scheme + "://" + host + target),
                target,
                fields,
                HttpFields.empty());
    }

    static HttpMessage.Response response(JsonObject message) {
        return HttpMessage.Response.of(message.getInt("status"), fields(message.getJsonArray("headers")));
    }

    static byte[] body(JsonObject message) {
        return message.isNull("body") ? null : message.getString("body").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses raw HTTP text (LF line ends, obs-fold allowed, chunked body with trailers) into a request (over
     * {@code scheme}) or a response.
     */
    static HttpMessage raw(String text, String scheme) {
        String[] lines = text.split("\n", -1);
        String start = lines[0];
        int i = 1;
        if (!start.startsWith("HTTP/") && !start.matches("[A-Z]+ \\S+ HTTP/1\\.1")) {
            // Only fields are printed: take them as a request for / on www.example.com.
            start = "GET / HTTP/1.1";
            i = 0;
            if (!text.toLowerCase(java.util.Locale.ROOT).contains("host:")) {
                text = "Host: www.example.com\n" + text;
                lines = text.split("\n", -1);
            }
        }
        List<String[]> headers = new ArrayList<>();
        i = readFields(lines, i, headers);
        HttpFields fields = toFields(headers);
        List<String[]> trailers = new ArrayList<>();
        if (fields.combined("transfer-encoding").orElse("").contains("chunked")) {
            // Skip chunk sizes and data until the last chunk, then read the trailer section.
            while (i < lines.length && !lines[i].equals("0")) {
                i++;
            }
            readFields(lines, i + 1, trailers);
        }
        HttpFields trailerFields = toFields(trailers);
        if (start.startsWith("HTTP/")) {
            return new HttpMessage.Response(Integer.parseInt(start.split(" ")[1]), fields, trailerFields);
        }
        String[] parts = start.split(" ");
        String method = parts[0];
        String target = parts[1];
        URI uri;
        if (target.contains("://")) {
            uri = URI.create(target);
        } else if (target.startsWith("/")) {
            uri = URI.create(scheme + "://" + fields.first("host").orElseThrow() + target);
        } else {
            uri = URI.create(scheme + "://" + fields.first("host").orElse(target) + "/");
        }
        return new HttpMessage.Request(method, uri, target, fields, trailerFields);
    }

    private static int readFields(String[] lines, int i, List<String[]> out) {
        while (i < lines.length && !lines[i].isEmpty()) {
            String line = lines[i++];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !out.isEmpty()) {
                // obs-fold: RFC 9421 §2.1 replaces it with a single space.
                String[] last = out.get(out.size() - 1);
                last[1] = last[1].replaceAll("[ \t]+$", "") + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            out.add(new String[] {
                line.substring(0, colon), line.substring(colon + 1).replaceFirst("^[ \t]+", "")
            });
        }
        return i;
    }

    private static HttpFields toFields(List<String[]> pairs) {
        HttpFields.Builder builder = HttpFields.builder();
        for (String[] pair : pairs) {
            builder.add(pair[0], pair[1]);
        }
        return builder.build();
    }
}
