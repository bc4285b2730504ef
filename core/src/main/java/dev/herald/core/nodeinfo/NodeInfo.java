package dev.herald.core.nodeinfo;

import dev.herald.core.internal.Checks;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;

/**
 * NodeInfo (the schema servers use to say what software they run and how big they are): the
 * {@code /.well-known/nodeinfo} links document and the schema 2.1 and 2.0 documents. Herald says: software
 * {@code herald} and its version, protocol {@code activitypub}, registrations closed, and the usage figures it
 * is given.
 *
 * <p>Stateless and thread-safe.
 */
public final class NodeInfo {
    /** The relation (and schema) of NodeInfo 2.1. */
    public static final String SCHEMA_2_1 = "http://nodeinfo.diaspora.software/ns/schema/2.1";
    /** The relation (and schema) of NodeInfo 2.0. */
    public static final String SCHEMA_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0";
    /** The software name Herald reports. */
    public static final String SOFTWARE = "herald";

    private static final JsonProvider JSON = JsonProvider.provider();

    private NodeInfo() {}

    /**
     * What a NodeInfo document counts. Immutable and thread-safe.
     *
     * @param users the site's actors (the instance actor not counted)
     * @param activeMonth actors that published in the last 30 days
     * @param activeHalfyear actors that published in the last 180 days
     * @param localPosts objects published and not deleted
     */
    public record Usage(long users, long activeMonth, long activeHalfyear, long localPosts) {
        /** Checks that no figure is negative. */
        public Usage {
            if (users < 0 || activeMonth < 0 || activeHalfyear < 0 || localPosts < 0) {
                throw new IllegalArgumentException("usage figures must not be negative");
            }
        }
    }

    /**
     * The {@code /.well-known/nodeinfo} document: links to the 2.1 and the 2.0 documents.
     *
     * @param document21 where the 2.1 document is
     * @param document20 where the 2.0 document is
     */
    public static JsonObject links(URI document21, URI document20) {
        return JSON.createObjectBuilder()
                .add(
                        "links",
                        JSON.createArrayBuilder()
                                .add(link(SCHEMA_2_1, document21))
                                .add(link(SCHEMA_2_0, document20)))
                .build();
    }

    /**
     * The NodeInfo document of {@code version}.
     *
     * @param version {@code 2.1} or {@code 2.0}
     * @param softwareVersion Herald's version
     * @param nodeName the site's name (the handle host)
     * @param usage the figures
     * @throws IllegalArgumentException for another version
     */
    public static JsonObject document(String version, String softwareVersion, String nodeName, Usage usage) {
        Checks.notNull(usage, "usage");
        if (!version.equals("2.1") && !version.equals("2.0")) {
            throw new IllegalArgumentException("version must be 2.1 or 2.0, got " + version);
        }
        var software = JSON.createObjectBuilder()
                .add("name", SOFTWARE)
                .add("version", Checks.notBlank(softwareVersion, "softwareVersion"));
        return JSON.createObjectBuilder()
                .add("version", version)
                .add("software", software)
                .add("protocols", JSON.createArrayBuilder().add("activitypub"))
                .add(
                        "services",
                        JSON.createObjectBuilder()
                                .add("inbound", JSON.createArrayBuilder())
                                .add("outbound", JSON.createArrayBuilder()))
                .add("openRegistrations", false)
                .add(
                        "usage",
                        JSON.createObjectBuilder()
                                .add(
                                        "users",
                                        JSON.createObjectBuilder()
                                                .add("total", usage.users())
                                                .add("activeMonth", usage.activeMonth())
                                                .add("activeHalfyear", usage.activeHalfyear()))
                                .add("localPosts", usage.localPosts()))
                .add("metadata", JSON.createObjectBuilder().add("nodeName", Checks.notNull(nodeName, "nodeName")))
                .build();
    }

    /** The media type of a NodeInfo document of {@code version}, with its schema as the profile. */
    public static String mediaType(String version) {
        return "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/" + version + "#\"";
    }

    private static JsonObject link(String rel, URI href) {
        return JSON.createObjectBuilder()
                .add("rel", rel)
                .add("href", Checks.absolute(href, "href").toString())
                .build();
    }
}
