package dev.herald.core.internal.http;

import dev.herald.core.ActorProfile;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.internal.keys.ActorKeys;
import dev.herald.core.nodeinfo.NodeInfo;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.KeyResolver;
import dev.herald.webfinger.WebFingerRequest;
import dev.herald.webfinger.WebFingerResponse;
import dev.herald.webfinger.WebFingerServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests that are Herald's: WebFinger and host-meta, NodeInfo, the inboxes (not processed yet),
 * and the documents (actors, collections, objects) for clients that ask for ActivityPub JSON. Everything else,
 * and document URLs asked for as HTML, is left to the site. Bad input never becomes a 500: it is a 4xx with a
 * JSON reason; a store that fails is a 503. Not part of the API. Immutable and thread-safe.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String DOCUMENT_METHODS = "GET, HEAD";

    private final Site site;
    private final WebFingerServer webFinger;
    private final Optional<SignedFetch> signedFetch;
    private final Collections collections;
    private final StoredObjects objects;
    private final Usage usage;
    private final java.util.function.Function<HeraldRequest, HeraldResponse> inbox;

    /**
     * A dispatcher.
     *
     * @param site the site
     * @param keyResolver finds signers' keys (used only with authorized fetch)
     * @param blockedDomains lower-case domains refused under authorized fetch
     * @param inbox answers POSTs to the inboxes
     */
    public Dispatcher(
            Site site,
            KeyResolver keyResolver,
            Set<String> blockedDomains,
            java.util.function.Function<HeraldRequest, HeraldResponse> inbox) {
        this.site = site;
        this.inbox = inbox;
        this.webFinger = WebFingers.server(site);
        this.signedFetch = site.authorizedFetch()
                ? Optional.of(new SignedFetch(site.urls(), keyResolver, blockedDomains, site.clock()))
                : Optional.empty();
        this.collections = new Collections(site);
        this.objects = new StoredObjects(site);
        this.usage = new Usage(site);
    }

    /** The answer to {@code request}, or empty when the site should answer it. */
    public Optional<HeraldResponse> handle(HeraldRequest request) {
        Route route = Route.of(request.path(), site.urls().basePath());
        if (route == null) {
            return Optional.empty();
        }
        boolean negotiated = isDocument(route);
        try {
            return dispatch(route, request);
        } catch (PageParameter.BadRequest e) {
            return Optional.of(Responses.error(400, e.getMessage(), negotiated));
        } catch (Collections.NotFound e) {
            return Optional.of(Responses.error(404, e.getMessage(), negotiated));
        } catch (RuntimeException e) {
            LOG.warn("Could not answer {} {}: {}", request.method(), Responses.printable(request.path()), e.toString());
            LOG.debug("The failure in full", e);
            return Optional.of(
                    Responses.error(503, "the server could not answer this request now; try again later", negotiated));
        }
    }

    /** Whether the answer at {@code path} depends on the {@code Accept} header (JSON for servers, else the site). */
    public boolean variesByAccept(String path) {
        Route route = Route.of(path, site.urls().basePath());
        return route != null && isDocument(route);
    }

    /** Whether Herald reads the body of a {@code method} request to {@code path} (a POST to an inbox). */
    public boolean readsBody(String method, String path) {
        return Route.of(path, site.urls().basePath()) instanceof Route.Inbox && method.equalsIgnoreCase("POST");
    }

    private Optional<HeraldResponse> dispatch(Route route, HeraldRequest request) {
        String method = request.normalizedMethod();
        if (route instanceof Route.WebFinger) {
            return webFinger
                    .handle(new WebFingerRequest(
                            request.method(),
                            request.path(),
                            request.rawQuery(),
                            request.headers().combined("Accept").orElse("")))
                    .map(Dispatcher::fromWebFinger);
        }
        if (route instanceof Route.NodeInfoLinks || route instanceof Route.NodeInfo) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return Optional.of(Responses.methodNotAllowed(request.method(), DOCUMENT_METHODS, false));
            }
            return Optional.of(head(method, nodeInfo(route)));
        }
        if (route instanceof Route.Inbox inbox) {
            return Optional.of(inbox(inbox, request, method));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Negotiation.speaksActivityPub(request.headers())
                    ? Optional.of(Responses.methodNotAllowed(request.method(), DOCUMENT_METHODS, true))
                    : Optional.empty();
        }
        if (!Negotiation.wantsActivityJson(request.headers())) {
            return Optional.empty();
        }
        return Optional.of(head(method, document(route, request)));
    }

    private HeraldResponse document(Route route, HeraldRequest request) {
        if (route instanceof Route.InstanceActor) {
            StoredKeyPair pair = site.keys().pair(ActorKeys.INSTANCE);
            return Responses.activity(
                    200, site.documents().instanceActorJson(pair.publicKeyPem(), pair.created()), true);
        }
        if (route instanceof Route.Actor actor) {
            ActorProfile profile = profile(actor.username());
            StoredKeyPair pair = site.keys().pair(profile.username());
            return Responses.activity(
                    200, site.documents().actorJson(profile, pair.publicKeyPem(), pair.created()), true);
        }
        Optional<URI> signer = Optional.empty();
        if (signedFetch.isPresent()) {
            SignedFetch.Outcome outcome = signedFetch.get().check(request);
            if (outcome instanceof SignedFetch.Denied denied) {
                return denied.response();
            }
            signer = Optional.of(((SignedFetch.Allowed) outcome).signer());
        }
        boolean isPublic = signedFetch.isEmpty();
        if (route instanceof Route.InstanceOutbox) {
            return Responses.activity(200, collections.emptyOutbox(site.urls().instanceOutbox()), isPublic);
        }
        if (route instanceof Route.Collection collection) {
            ActorProfile profile = profile(collection.username());
            PageParameter page = PageParameter.parse(request.rawQuery());
            return Responses.activity(200, collections.of(profile, collection.kind(), page), isPublic);
        }
        return objects.lookup(request.path(), signer);
    }

    private HeraldResponse inbox(Route.Inbox inbox, HeraldRequest request, String method) {
        if (!inbox.username().isEmpty() && site.profile(inbox.username()).isEmpty()) {
            return Responses.error(404, "no such actor on this site", false);
        }
        if (!method.equals("POST")) {
            return Responses.methodNotAllowed(request.method(), "POST", false);
        }
        if (request.bodyLength() > site.maxBodyBytes()) {
            return Responses.error(413, "the body is larger than " + site.maxBodyBytes() + " bytes", false);
        }
        return this.inbox.apply(request);
    }

    private HeraldResponse nodeInfo(Route route) {
        if (route instanceof Route.NodeInfo nodeInfo) {
            JsonObject document =
                    NodeInfo.document(nodeInfo.version(), site.softwareVersion(), site.handleHost(), usage.now());
            return Responses.json(document, NodeInfo.mediaType(nodeInfo.version()));
        }
        return Responses.json(
                NodeInfo.links(site.urls().nodeInfo("2.1"), site.urls().nodeInfo("2.0")),
                "application/json; charset=utf-8");
    }

    private ActorProfile profile(String username) {
        return site.profile(username).orElseThrow(() -> new Collections.NotFound("no such actor on this site"));
    }

    private static HeraldResponse head(String method, HeraldResponse response) {
        return method.equals("HEAD") ? Responses.forHead(response) : response;
    }

    private static boolean isDocument(Route route) {
        return route instanceof Route.Actor
                || route instanceof Route.InstanceActor
                || route instanceof Route.InstanceOutbox
                || route instanceof Route.Collection
                || route instanceof Route.ObjectLookup;
    }

    private static HeraldResponse fromWebFinger(WebFingerResponse response) {
        HttpFields.Builder headers = HttpFields.builder();
        response.headers().forEach(headers::add);
        return new HeraldResponse(response.status(), headers.build(), response.body());
    }
}
