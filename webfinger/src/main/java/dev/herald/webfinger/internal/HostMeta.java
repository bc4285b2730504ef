package dev.herald.webfinger.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * RFC 6415 host-meta: writes the document that points at the WebFinger endpoint, and reads the {@code lrdd}
 * template out of another server's. XML is read with DTDs and external entities disabled. Stateless, thread-safe.
 */
public final class HostMeta {
    /** The XRD namespace. */
    public static final String XRD_NAMESPACE = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

    private static final XMLInputFactory XML = secureFactory();

    private HostMeta() {}

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static void trySet(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException e) {
            // Not every StAX implementation knows these JAXP properties; DTD support is already off.
        }
    }

    /** The XRD document with one {@code lrdd} link to the template. */
    public static byte[] xrd(String template) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<XRD xmlns=\"" + XRD_NAMESPACE + "\">\n"
                + "  <Link rel=\"lrdd\" template=\"" + escapeXml(template) + "\"/>\n"
                + "</XRD>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON (JRD) form of host-meta with one {@code lrdd} link to the template. */
    public static byte[] json(String template) {
        String json = JrdJson.PROVIDER
                .createObjectBuilder()
                .add(
                        "links",
                        JrdJson.PROVIDER
                                .createArrayBuilder()
                                .add(JrdJson.PROVIDER
                                        .createObjectBuilder()
                                        .add("rel", "lrdd")
                                        .add("template", template)))
                .build()
                .toString();
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The template of the first {@code lrdd} link in a host-meta document, XML (XRD) or JSON (recognised by its
     * first non-blank character).
     *
     * @throws BadInput if the document is neither well-formed XML nor a JSON object
     */
    public static Optional<String> lrddTemplate(byte[] document) throws BadInput {
        String text = new String(document, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        return text.startsWith("{") ? fromJson(document) : fromXml(document);
    }

    private static Optional<String> fromXml(byte[] document) throws BadInput {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new ByteArrayInputStream(document));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new BadInput("host-meta with a DOCTYPE is refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT
                        && "Link".equals(reader.getLocalName())
                        && "lrdd".equals(reader.getAttributeValue(null, "rel"))) {
                    String template = reader.getAttributeValue(null, "template");
                    if (template != null && !template.isBlank()) {
                        return Optional.of(template.strip());
                    }
                }
            }
            return Optional.empty();
        } catch (XMLStreamException | RuntimeException e) {
            throw new BadInput("host-meta is not well-formed XML");
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to release: the input is an in-memory array.
            }
        }
    }

    private static Optional<String> fromJson(byte[] document) throws BadInput {
        JsonObject value;
        try {
            value = JrdJson.readObject(document);
        } catch (BadInput e) {
            throw new BadInput("host-meta.json: " + e.reason());
        }
        if (!(value.get("links") instanceof JsonArray)) {
            return Optional.empty();
        }
        for (JsonValue link : value.getJsonArray("links")) {
            if (link instanceof JsonObject) {
                JsonValue rel = ((JsonObject) link).get("rel");
                JsonValue template = ((JsonObject) link).get("template");
                if (rel instanceof JsonString
                        && "lrdd".equals(((JsonString) rel).getString())
                        && template instanceof JsonString
                        && !((JsonString) template).getString().isBlank()) {
                    return Optional.of(((JsonString) template).getString().strip());
                }
            }
        }
        return Optional.empty();
    }

    private static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
