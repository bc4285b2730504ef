package dev.herald.samples;

import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a remote actor for {@code POST /admin/api/follow}: {@code @user@host[:port]} through WebFinger, then the
 * actor document for its id and inbox. Every URL passes the network policy first (https and public addresses unless
 * {@code --allow-private-network}); no redirects are followed; answers are capped. Thread-safe.
 */
final class RemoteLookup {
    /** A remote actor: its id and its inbox. */
    record RemoteActor(URI id, URI inbox) {}

    private static final Pattern HANDLE = Pattern.compile("@?([^@\\s/]+)@([A-Za-z0-9.-]+(?::\\d{1,5})?)");
    private static final int MAX_BYTES = 1 << 20;
    private static final String ACCEPT_AP =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private final NetworkPolicy policy;
    private final HttpClient http;

    RemoteLookup(NetworkPolicy policy) {
        this.policy = policy;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * The actor named by a handle or an actor URL.
     *
     * @throws IOException saying what failed (refused by the policy, not found, not an actor)
     */
    RemoteActor actor(String target) throws IOException {
        String t = target.strip();
        URI actorUrl;
        Matcher m = HANDLE.matcher(t);
        if (t.startsWith("http://") || t.startsWith("https://")) {
            actorUrl = URI.create(t);
        } else if (m.matches()) {
            actorUrl = webFinger(m.group(1), m.group(2).toLowerCase(Locale.ROOT));
        } else {
            throw new IOException("not a handle (@user@host) or an actor URL: " + target);
        }
        JsonObject actor = getJson(actorUrl, ACCEPT_AP);
        String id = actor.getString("id", "");
        String inbox = actor.getString("inbox", "");
        if (id.isEmpty() || inbox.isEmpty()) {
            throw new IOException(actorUrl + " is not an actor (it has no id or inbox)");
        }
        URI actorId = URI.create(id);
        if (!actorId.getHost().equalsIgnoreCase(actorUrl.getHost())) {
            throw new IOException("the actor at " + actorUrl + " claims the id " + id + " of another host");
        }
        return new RemoteActor(actorId, actorId.resolve(inbox));
    }

    private URI webFinger(String user, String host) throws IOException {
        String query = "?resource=" + URLEncoder.encode("acct:" + user + "@" + host, StandardCharsets.UTF_8);
        IOException first = null;
        // https first; plain http only where the policy allows it (--allow-private-network, local federation).
        for (String scheme : List.of("https", "http")) {
            URI url = URI.create(scheme + "://" + host + "/.well-known/webfinger" + query);
            try {
                JsonObject jrd = getJson(url, "application/jrd+json, application/json");
                if (jrd.get("links") instanceof JsonArray links) {
                    for (JsonValue v : links) {
                        if (v instanceof JsonObject link
                                && "self".equals(link.getString("rel", ""))
                                && link.get("href") instanceof JsonString href
                                && isActivityPub(link.getString("type", ""))) {
                            return URI.create(href.getString());
                        }
                    }
                }
                throw new IOException("WebFinger at " + host + " names no ActivityPub actor for " + user);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static boolean isActivityPub(String type) {
        return type.startsWith("application/activity+json") || type.startsWith("application/ld+json");
    }

    private JsonObject getJson(URI url, String accept) throws IOException {
        policy.check(url);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(15))
                .header("Accept", accept)
                .header("User-Agent", "herald-sample")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(url + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(url + " answered more than " + MAX_BYTES + " bytes");
                }
                return Fediverse.parse(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw new IOException(url + " did not answer a JSON object");
        }
    }
}
