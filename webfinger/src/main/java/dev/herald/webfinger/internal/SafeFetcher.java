package dev.herald.webfinger.internal;

import dev.herald.webfinger.NetworkPolicy;
import dev.herald.webfinger.WebFingerException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a URL the careful way: the {@link NetworkPolicy} is asked before every request including each redirect hop,
 * redirects are followed here (at most {@code maxRedirects}), the body is capped, and each request has a deadline
 * covering the wait for headers and the reading of the body. Immutable and thread-safe.
 */
public final class SafeFetcher {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient http;
    private final NetworkPolicy policy;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final String userAgent;

    /**
     * @param http a client that does not follow redirects itself
     * @param policy asked before every request
     * @param timeout the deadline of each request (headers and body)
     * @param maxBytes the largest body accepted
     * @param maxRedirects how many redirects to follow
     * @param userAgent the User-Agent header
     */
    public SafeFetcher(
            HttpClient http,
            NetworkPolicy policy,
            Duration timeout,
            long maxBytes,
            int maxRedirects,
            String userAgent) {
        this.http = http;
        this.policy = policy;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
    }

    /**
     * A final (non-redirect) answer.
     *
     * @param uri the URL that gave it, after redirects
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the body, at most the cap
     */
    public record Fetched(URI uri, int status, HttpHeaders headers, byte[] body) {}

    /** Fetches a URL, following redirects. */
    public Fetched get(URI start, String accept) throws WebFingerException {
        URI current = start;
        for (int redirects = 0; ; redirects++) {
            check(current);
            HttpResponse<byte[]> response = send(current, accept);
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return new Fetched(current, response.statusCode(), response.headers(), response.body());
            }
            if (redirects >= maxRedirects) {
                throw new WebFingerException.TooManyRedirects(current, maxRedirects);
            }
            try {
                current = current.resolve(new URI(location.get().strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new WebFingerException.Transport(current, "redirect to an invalid Location header", e);
            }
        }
    }

    private void check(URI uri) throws WebFingerException {
        try {
            policy.check(uri);
        } catch (NetworkPolicy.Refused e) {
            throw new WebFingerException.RefusedAddress(e);
        } catch (IOException e) {
            throw new WebFingerException.Transport(uri, e);
        }
    }

    private HttpResponse<byte[]> send(URI uri, String accept) throws WebFingerException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(timeout)
                    .header("Accept", accept)
                    .header("User-Agent", userAgent)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new WebFingerException.Transport(uri, "cannot request this URL", e);
        }
        BoundedBody body = new BoundedBody(maxBytes);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, body);
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.abort();
            pending.cancel(true);
            throw new WebFingerException.Timeout(uri, timeout, e);
        } catch (InterruptedException e) {
            body.abort();
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new WebFingerException.Transport(uri, "interrupted", e);
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause());
        }
    }

    private WebFingerException translate(URI uri, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedBody.TooLarge) {
                return new WebFingerException.TooLarge(uri, maxBytes);
            }
            if (cause instanceof HttpTimeoutException) {
                return new WebFingerException.Timeout(uri, timeout, cause);
            }
        }
        return new WebFingerException.Transport(uri, String.valueOf(failure), failure);
    }
}
