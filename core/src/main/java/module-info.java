/**
 * The Herald actor library. So far: the ActivityStreams vocabulary ({@code dev.herald.core.vocab}) and
 * its JSON and JSON-LD reading and writing ({@code dev.herald.core.jsonld}), and the store SPI ({@code
 * dev.herald.core.store}) with in-memory and JDBC (H2, PostgreSQL) implementations.
 */
module dev.herald.core {
    requires transitive dev.herald.signatures;
    requires transitive dev.herald.webfinger;
    requires transitive jakarta.json;
    requires org.slf4j;
    requires transitive java.sql;
    // Titanium ships no module descriptor; this is its file-derived automatic module name.
    requires titanium.json.ld;

    exports dev.herald.core.vocab;
    exports dev.herald.core.jsonld;
    exports dev.herald.core.store;
    exports dev.herald.core.store.memory;
    exports dev.herald.core.store.jdbc;
}
