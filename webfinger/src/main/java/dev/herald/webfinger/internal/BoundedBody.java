package dev.herald.webfinger.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A body handler that collects at most {@code limit} bytes: past the cap (or when {@code Content-Length} announces
 * more) it cancels the subscription, which stops reading and closes the connection, and fails with {@link TooLarge}.
 * {@link #abort()} cancels a read in progress (used when the deadline passes). One instance per request; its
 * methods may be called from the HTTP client's threads and the caller's thread.
 */
public final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {
    private final long limit;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean aborted;

    /** @param limit the most bytes to accept */
    public BoundedBody(long limit) {
        this.limit = limit;
    }

    /** The body was larger than the cap. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param limit the cap in bytes */
        public TooLarge(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        OptionalLong declared = info.headers().firstValueAsLong("content-length");
        return new Collector(declared.isPresent() && declared.getAsLong() > limit);
    }

    /** Stops reading: the pending body fails and the connection is released. */
    public void abort() {
        aborted = true;
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
    }

    private final class Collector implements HttpResponse.BodySubscriber<byte[]> {
        private final boolean declaredTooLarge;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private long received;

        Collector(boolean declaredTooLarge) {
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (declaredTooLarge) {
                s.cancel();
                result.completeExceptionally(new TooLarge(limit));
            } else if (aborted) {
                s.cancel();
                result.completeExceptionally(new IOException("aborted"));
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > limit) {
                    subscription.get().cancel();
                    result.completeExceptionally(new TooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.get().request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
