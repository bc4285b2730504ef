package dev.herald.webfinger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostMetaTest {
    private static final String TEMPLATE = "https://example.org/.well-known/webfinger?resource={uri}";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBackTheXrdItWrites() throws Exception {
        assertThat(HostMeta.lrddTemplate(HostMeta.xrd(TEMPLATE))).contains(TEMPLATE);
    }

    @Test
    void readsBackTheJsonItWrites() throws Exception {
        assertThat(HostMeta.lrddTemplate(HostMeta.json(TEMPLATE))).contains(TEMPLATE);
    }

    @Test
    void escapesTheTemplateInXml() throws Exception {
        String template = "https://example.org/wf?a=1&resource={uri}&q=\"<'>\"";
        byte[] xrd = HostMeta.xrd(template);

        assertThat(new String(xrd, StandardCharsets.UTF_8))
                .contains("a=1&amp;resource={uri}&amp;q=&quot;&lt;&apos;&gt;");
        assertThat(HostMeta.lrddTemplate(xrd)).contains(template);
    }

    @Test
    void readsMastodonsHostMetaWithAPrefixedNamespaceAndOtherLinks() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<x:XRD xmlns:x=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
                + "  <x:Link rel=\"describedby\" href=\"https://example.org/about\"/>\n"
                + "  <x:Link rel=\"lrdd\" template=\"https://example.org/.well-known/webfinger?resource={uri}\"/>\n"
                + "</x:XRD>";

        assertThat(HostMeta.lrddTemplate(bytes(xml))).contains(TEMPLATE);
    }

    @Test
    void isEmptyWithoutAnLrddLink() throws Exception {
        assertThat(HostMeta.lrddTemplate(bytes("<XRD><Link rel=\"describedby\" href=\"x\"/></XRD>")))
                .isEmpty();
        assertThat(HostMeta.lrddTemplate(bytes("<XRD><Link rel=\"lrdd\" template=\" \"/></XRD>")))
                .isEmpty();
        assertThat(HostMeta.lrddTemplate(bytes("{\"links\":[{\"rel\":\"lrdd\",\"href\":\"x\"},\"x\"]}")))
                .isEmpty();
        assertThat(HostMeta.lrddTemplate(bytes("{\"links\":{}}"))).isEmpty();
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE XRD [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<XRD><Link rel=\"lrdd\" template=\"https://example.org/?r={uri}&secret;\"/></XRD>";

        assertThatThrownBy(() -> HostMeta.lrddTemplate(bytes(xxe))).isInstanceOf(BadInput.class);
    }

    @Test
    void rejectsWhatIsNeitherXmlNorJson() {
        assertThatThrownBy(() -> HostMeta.lrddTemplate(bytes("<XRD><Link"))).isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> HostMeta.lrddTemplate(bytes("not xml"))).isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> HostMeta.lrddTemplate(bytes("{oops"))).isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> HostMeta.lrddTemplate(new byte[0])).isInstanceOf(BadInput.class);
    }
}
