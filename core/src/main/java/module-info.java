/**
 * The Herald actor library: the front door ({@code dev.herald.core.Federation}), the vocabulary
 * ({@code dev.herald.core.vocab}) and its JSON and JSON-LD ({@code dev.herald.core.jsonld}), the store SPI
 * ({@code dev.herald.core.store}) with in-memory and JDBC (H2, PostgreSQL) implementations, framework-neutral
 * HTTP ({@code dev.herald.core.http}) and the optional servlet filter ({@code dev.herald.servlet}, for which
 * the container provides {@code jakarta.servlet}), the inbox
 * ({@code dev.herald.core.inbox}), publishing ({@code dev.herald.core.outbox}) and delivery
 * ({@code dev.herald.core.delivery}).
 */
module dev.herald.core {
    requires transitive dev.herald.signatures;
    requires transitive dev.herald.webfinger;
    requires transitive jakarta.json;
    requires transitive java.net.http;
    requires org.slf4j;
    requires transitive java.sql;
    // Titanium ships no module descriptor; this is its file-derived automatic module name.
    requires titanium.json.ld;
    requires org.jsoup;
    requires static transitive jakarta.servlet;

    exports dev.herald.core;
    exports dev.herald.core.actor;
    exports dev.herald.core.fetch;
    exports dev.herald.core.http;
    exports dev.herald.core.inbox;
    exports dev.herald.core.engagement;
    exports dev.herald.core.nodeinfo;
    exports dev.herald.core.vocab;
    exports dev.herald.core.jsonld;
    exports dev.herald.core.store;
    exports dev.herald.core.store.memory;
    exports dev.herald.servlet;
    exports dev.herald.core.store.jdbc;
    exports dev.herald.core.outbox;
    exports dev.herald.core.delivery;
}
