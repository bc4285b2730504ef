package dev.herald.core.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store whose queues' {@code purgeFinished} throws the next of {@link #failures}, if any, instead of purging; every
 * other call goes to the store it wraps. Thread-safe.
 */
public final class FailingPurges {
    /** What the next purges throw, one each. */
    public final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** How many purges were called, failed or not. */
    public final AtomicInteger purges = new AtomicInteger();

    /** The wrapping store. */
    public final HeraldStore store;

    /** Wraps {@code store}. */
    public FailingPurges(HeraldStore store) {
        DeliveryStore deliveries = wrap(DeliveryStore.class, store.deliveries());
        InboxStore inbox = wrap(InboxStore.class, store.inbox());
        this.store = proxy(HeraldStore.class, (p, method, args) -> switch (method.getName()) {
            case "deliveries" -> deliveries;
            case "inbox" -> inbox;
            default -> call(method, store, args);
        });
    }

    private <T> T wrap(Class<T> type, T queue) {
        return proxy(type, (p, method, args) -> {
            if (method.getName().equals("purgeFinished")) {
                purges.incrementAndGet();
                Throwable failure = failures.poll();
                if (failure != null) {
                    throw failure;
                }
            }
            return call(method, queue, args);
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object call(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
