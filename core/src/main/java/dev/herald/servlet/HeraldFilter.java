package dev.herald.servlet;

import dev.herald.core.Federation;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.signatures.HttpFields;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts a {@link Federation} in front of a servlet application: requests that are Herald's (WebFinger, NodeInfo,
 * inboxes, and actors, collections and objects asked for as ActivityPub JSON) are answered here; everything else
 * goes down the chain to the application, unchanged. Where the answer depends on {@code Accept} and the
 * application answers (a browser at the actor's URL), the filter adds {@code Vary: Accept}, so that caches keep
 * the page and the JSON apart.
 *
 * <p>Bodies are read only for Herald's own POSTs (inboxes), at most {@link Federation#maxBodyBytes()} (413
 * beyond); the application's requests keep their bodies. Ids come from the federation's configured origin, never
 * from the request's {@code Host} header, so the filter works behind a reverse proxy. Map it to {@code /*}.
 *
 * <p>Construct it with a federation ({@code new HeraldFilter(federation)}, e.g. in a
 * {@code ServletContainerInitializer} or a Spring {@code FilterRegistrationBean}), or declare it in
 * {@code web.xml} and put the federation in the servlet context attribute {@link #FEDERATION_ATTRIBUTE} before
 * the filter is initialised.
 *
 * <p>Thread-safe: one instance serves all requests.
 */
public final class HeraldFilter implements Filter {
    /** The servlet context attribute the no-argument form reads its {@link Federation} from. */
    public static final String FEDERATION_ATTRIBUTE = Federation.class.getName();

    private static final byte[] NO_BODY = new byte[0];
    private static final String TOO_LARGE = "{\"error\":\"the body is larger than %d bytes\"}";

    private volatile Federation federation;

    /** A filter that takes its federation from the servlet context in {@link #init(FilterConfig)}. */
    public HeraldFilter() {}

    /** A filter for {@code federation}. */
    public HeraldFilter(Federation federation) {
        this.federation = Objects.requireNonNull(federation, "federation");
    }

    /**
     * Takes the federation from the servlet context attribute {@link #FEDERATION_ATTRIBUTE}, unless one was given
     * to the constructor.
     *
     * @throws ServletException if there is none
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (federation != null) {
            return;
        }
        Object attribute = config.getServletContext().getAttribute(FEDERATION_ATTRIBUTE);
        if (!(attribute instanceof Federation f)) {
            throw new ServletException("HeraldFilter has no Federation: construct it with one, or set the servlet"
                    + " context attribute " + FEDERATION_ATTRIBUTE + " before the filter starts");
        }
        this.federation = f;
    }

    /** Answers Herald's requests; passes the others down the chain. */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Federation f = federation;
        if (f == null
                || !(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String path = request.getRequestURI();
        if (path == null || !path.startsWith("/")) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = NO_BODY;
        if (f.readsBody(request.getMethod(), path)) {
            Optional<byte[]> read = readBody(request, f.maxBodyBytes());
            if (read.isEmpty()) {
                tooLarge(response, f.maxBodyBytes());
                return;
            }
            body = read.get();
        }
        HeraldRequest heraldRequest = new HeraldRequest(
                request.getMethod(),
                path,
                Objects.requireNonNullElse(request.getQueryString(), ""),
                headers(request),
                body);
        Optional<HeraldResponse> answer = f.handle(heraldRequest);
        if (answer.isPresent()) {
            write(answer.get(), response);
            return;
        }
        if (f.variesByAccept(path)) {
            response.addHeader("Vary", "Accept");
        }
        chain.doFilter(req, res);
    }

    /** Nothing to release: the federation belongs to the application. */
    @Override
    public void destroy() {}

    private static HttpFields headers(HttpServletRequest request) {
        HttpFields.Builder fields = HttpFields.builder();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                try {
                    fields.add(name, value);
                } catch (IllegalArgumentException e) {
                    // A field the container let through but HTTP forbids: leave it out.
                }
            }
        }
        return fields.build();
    }

    /** The body, or empty when it is larger than {@code max}. */
    private static Optional<byte[]> readBody(HttpServletRequest request, int max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static void tooLarge(HttpServletResponse response, int max) throws IOException {
        byte[] body = String.format(TOO_LARGE, max).getBytes(StandardCharsets.UTF_8);
        response.setStatus(413);
        response.setHeader("Content-Type", "application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        // The rest of the body is not read: let the container close the connection.
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void write(HeraldResponse answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        boolean lengthSet = false;
        for (var line : answer.headers().lines()) {
            if (line.getKey().equalsIgnoreCase("Content-Length")) {
                response.setContentLengthLong(Long.parseLong(line.getValue()));
                lengthSet = true;
            } else {
                response.addHeader(line.getKey(), line.getValue());
            }
        }
        if (answer.bodyLength() > 0 || !lengthSet) {
            response.setContentLength(answer.bodyLength());
        }
        if (answer.bodyLength() > 0) {
            response.getOutputStream().write(answer.body());
        }
    }
}
