package dev.herald.core.inbox;

import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The default {@link ActivitySender}: one signed (draft-cavage) POST, at once, after the network policy allowed the
 * inbox; 5 s to connect, 10 s for the answer; any status but 2xx is a failure (the inbox retries later). Until the
 * delivery engine takes these over. Thread-safe.
 */
final class DirectSender implements ActivitySender {
    private final NetworkPolicy policy;
    private final java.util.function.Function<String, SigningKey> keys;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String userAgent;

    DirectSender(NetworkPolicy policy, java.util.function.Function<String, SigningKey> keys, String userAgent) {
        this.policy = policy;
        this.keys = keys;
        this.userAgent = userAgent;
    }

    @Override
    public void send(String actor, URI activityId, URI inbox, byte[] activity) throws IOException {
        policy.check(inbox);
        HttpMessage.Request signed = CavageSigner.of(keys.apply(actor))
                .sign(
                        HttpMessage.Request.of(
                                "POST", inbox, HttpFields.of("Content-Type", "application/activity+json")),
                        activity);
        HttpRequest.Builder request = HttpRequest.newBuilder(inbox)
                .timeout(Duration.ofSeconds(10))
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(activity));
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted sending to " + inbox, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(inbox + " answered HTTP " + response.statusCode());
        }
    }
}
