package dev.herald.core.delivery.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code max} bytes of a response body, then cancels the rest: a remote error page never costs more
 * memory than that. The bytes read are kept as text for the last-error log (the first 200 characters). Thread-safe
 * as the HTTP client uses it (one subscriber per response).
 */
public final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private static final int KEPT = 200;

    private final int max;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder kept = new StringBuilder();
    private long read;
    private Flow.Subscription subscription;

    private CappedBody(int max) {
        this.max = max;
    }

    /** A handler whose bodies are read up to {@code max} bytes. */
    public static HttpResponse.BodyHandler<String> handler(int max) {
        return info -> new CappedBody(max);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (kept.length() < KEPT) {
                byte[] bytes = new byte[Math.min(n, KEPT - kept.length())];
                b.get(bytes);
                kept.append(new String(bytes, StandardCharsets.UTF_8));
            }
            read += n;
        }
        if (read > max) {
            subscription.cancel();
            result.complete(kept.toString());
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.complete(kept.toString());
    }

    @Override
    public void onComplete() {
        result.complete(kept.toString());
    }
}
