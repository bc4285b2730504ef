package dev.herald.core.security;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.StoredObject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Watches a real store: {@link #store()} is the same store with every call that may write recorded (the method and
 * its arguments), and {@link #snapshot} reads what the SPI can list into a comparable map. Thread-safe.
 */
final class StoreWatch {
    /** The SPI methods that only read. {@code claim} counts as a write only when it claimed something. */
    private static final Set<String> READS = Set.of(
            "find",
            "findByKeyId",
            "findOrCreate",
            "list",
            "listByActor",
            "listPinned",
            "listFailing",
            "count",
            "countByActor",
            "counts",
            "forEachDeliveryInbox",
            "backlogByHost",
            "keyPairs",
            "objects",
            "followers",
            "following",
            "deliveries",
            "inbox",
            "remoteActors",
            "hostHealth",
            "engagement",
            "quoteAuthorizations",
            "findByQuotingPost",
            "toString",
            "hashCode",
            "equals");

    private final HeraldStore real;
    private final HeraldStore watched;
    private final List<String> writes = new ArrayList<>();

    StoreWatch(HeraldStore real) {
        this.real = real;
        this.watched = proxy(HeraldStore.class, real, "store");
    }

    /** The store to hand to Herald. */
    HeraldStore store() {
        return watched;
    }

    /** A mark for {@link #writesSince}. */
    synchronized int mark() {
        return writes.size();
    }

    /** The writes since {@code mark}, as {@code part.method(args)}. */
    synchronized List<String> writesSince(int mark) {
        return List.copyOf(writes.subList(mark, writes.size()));
    }

    private synchronized void record(String write) {
        writes.add(write);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target, String part) {
        InvocationHandler handler = (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            String name = method.getName();
            if (type == HeraldStore.class
                    && result != null
                    && method.getParameterCount() == 0
                    && READS.contains(name)) {
                return proxy((Class<Object>) method.getReturnType(), result, name);
            }
            boolean claimedNothing = name.equals("claim") && result instanceof Collection<?> c && c.isEmpty();
            if (!READS.contains(name) && !claimedNothing) {
                record(part + "." + name + describe(method, args));
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static String describe(Method method, Object[] args) {
        return args == null
                ? "()"
                : Arrays.toString(args).replaceFirst("^\\[", "(").replaceFirst("]$", ")");
    }

    /**
     * What the store holds for these local actors and remote URIs: followers in both states, follows, objects and
     * pinned objects, quote authorizations in every state, every reaction to the listed objects, the queue counts, the cached remote actors (their
     * documents, without the fetch times), and the failing hosts.
     */
    Map<String, Object> snapshot(
            Collection<String> localActors, Collection<URI> objects, Collection<URI> remoteActors) {
        Map<String, Object> s = new TreeMap<>();
        for (String actor : localActors) {
            for (Follower.State state : Follower.State.values()) {
                s.put("followers " + actor + " " + state, all(p -> real.followers()
                        .list(actor, state, p)));
            }
            s.put("following " + actor, all(p -> real.following().list(actor, p)));
            s.put(
                    "objects " + actor,
                    all(p -> real.objects().listByActor(actor, p)).stream()
                            .map(StoreWatch::describe)
                            .toList());
            s.put(
                    "pinned " + actor,
                    all(p -> real.objects().listPinned(actor, p)).stream()
                            .map(StoreWatch::describe)
                            .toList());
            s.put("key pair " + actor, real.keyPairs().find(actor).map(k -> k.publicKeyPem()));
            for (QuoteAuthorization.State state : QuoteAuthorization.State.values()) {
                s.put("quote authorizations " + actor + " " + state, all(p -> real.quoteAuthorizations()
                        .list(actor, state, p)));
            }
        }
        for (URI object : objects) {
            s.put("engagement counts " + object, real.engagement().counts(object));
            for (Engagement.Kind kind : Engagement.Kind.values()) {
                s.put("engagement " + kind + " " + object, all(p -> real.engagement()
                        .list(object, kind, p)));
            }
            s.put("object " + object, real.objects().find(object).map(StoreWatch::describe));
        }
        for (URI actor : remoteActors) {
            s.put("remote actor " + actor, real.remoteActors().find(actor).map(StoreWatch::describe));
        }
        s.put("inbox queue", new TreeMap<>(real.inbox().counts()));
        s.put("delivery queue", new TreeMap<>(real.deliveries().counts()));
        s.put("failing hosts", all(p -> real.hostHealth().listFailing(p)));
        return s;
    }

    private static String describe(StoredObject o) {
        return o.id() + " deleted=" + o.isDeleted() + " pinned=" + o.pinned() + " " + o.json();
    }

    private static String describe(RemoteActor a) {
        return a.id() + " key=" + a.keyId() + " " + a.publicKeyPem() + " " + a.json();
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> lister) {
        List<T> items = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> p = lister.apply(page);
            items.addAll(p.items());
            if (p.next().isEmpty()) {
                return items;
            }
            page = PageRequest.after(p.next().get(), PageRequest.MAX_LIMIT);
        }
    }
}
