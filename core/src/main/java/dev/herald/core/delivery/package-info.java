/**
 * The delivery engine: workers that claim due jobs from the {@link dev.herald.core.store.DeliveryStore}, sign each
 * request, send it, and record the outcome with retries, backoff and a per-host circuit breaker ({@link
 * dev.herald.core.delivery.DeliveryEngine}).
 */
package dev.herald.core.delivery;
