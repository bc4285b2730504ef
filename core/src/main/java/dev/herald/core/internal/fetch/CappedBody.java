package dev.herald.core.internal.fetch;

import dev.herald.core.fetch.FetchException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that keeps at most {@code max} bytes and fails with {@link FetchException.Kind#TOO_LARGE} as
 * soon as more arrive (or at once when {@code Content-Length} announces more), cancelling the transfer. Bodies of
 * answers other than 200 are discarded. Not part of the API. One instance per response.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final URI uri;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int max, URI uri) {
        this.max = max;
        this.uri = uri;
    }

    /** The subscriber for a response: capped for 200, discarding otherwise. */
    public static HttpResponse.BodySubscriber<byte[]> handle(HttpResponse.ResponseInfo info, URI uri, int max) {
        if (info.statusCode() != 200) {
            return HttpResponse.BodySubscribers.replacing(new byte[0]);
        }
        long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > max) {
            CompletableFuture<byte[]> failed = CompletableFuture.failedFuture(tooLarge(uri, max, info.statusCode()));
            return new HttpResponse.BodySubscriber<>() {
                @Override
                public CompletionStage<byte[]> getBody() {
                    return failed;
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.cancel();
                }

                @Override
                public void onNext(List<ByteBuffer> item) {}

                @Override
                public void onError(Throwable throwable) {}

                @Override
                public void onComplete() {}
            };
        }
        return new CappedBody(max, uri);
    }

    private static FetchException tooLarge(URI uri, int max, int status) {
        return new FetchException(
                FetchException.Kind.TOO_LARGE, uri, status, "the body is larger than " + max + " bytes", null);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + buffer.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(tooLarge(uri, max, 200));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
