package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

    @Test
    void parsesAcctIntoUserAndHost() {
        Resource resource = Resource.parse("acct:psf@python.org");

        assertThat(resource.kind()).isEqualTo(Resource.Kind.ACCT);
        assertThat(resource.scheme()).isEqualTo("acct");
        assertThat(resource.user()).contains("psf");
        assertThat(resource.host()).isEqualTo("python.org");
        assertThat(resource.port()).isEmpty();
        assertThat(resource.authority()).isEqualTo("python.org");
        assertThat(resource.handle()).contains("@psf@python.org");
        assertThat(resource.uri()).isEqualTo(URI.create("acct:psf@python.org"));
        assertThat(resource).hasToString("acct:psf@python.org");
    }

    @Test
    void lowerCasesSchemeAndHostButKeepsTheUsersCase() {
        Resource resource = Resource.parse("ACCT:Gargron@Mastodon.Social");

        assertThat(resource).hasToString("acct:Gargron@mastodon.social");
        assertThat(resource.user()).contains("Gargron");
        assertThat(resource).isNotEqualTo(Resource.parse("acct:gargron@mastodon.social"));
    }

    @Test
    void keepsThePortOfTheHost() {
        Resource resource = Resource.parse("acct:alice@127.0.0.1:8080");

        assertThat(resource.host()).isEqualTo("127.0.0.1");
        assertThat(resource.port()).isEqualTo(OptionalInt.of(8080));
        assertThat(resource.authority()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void acceptsAnIpv6LiteralHost() {
        Resource resource = Resource.parse("acct:alice@[2001:DB8::1]:8443");

        assertThat(resource.host()).isEqualTo("[2001:db8::1]");
        assertThat(resource.authority()).isEqualTo("[2001:db8::1]:8443");
    }

    @Test
    void decodesAPercentEncodedUserAndReencodesOnlyWhatRfc7565Requires() {
        Resource resource = Resource.parse("acct:juliet%40capulet.example@shoppingsite.example");

        assertThat(resource.user()).contains("juliet@capulet.example");
        assertThat(resource).hasToString("acct:juliet%40capulet.example@shoppingsite.example");
        assertThat(Resource.parse("acct:%61lice@example.org")).isEqualTo(Resource.parse("acct:alice@example.org"));
    }

    @Test
    void encodesNonAsciiUsersAndConvertsInternationalHostsToPunycode() {
        Resource resource = Resource.parse("acct:jürgen@bücher.example");

        assertThat(resource.user()).contains("jürgen");
        assertThat(resource.host()).isEqualTo("xn--bcher-kva.example");
        assertThat(resource).hasToString("acct:j%C3%BCrgen@xn--bcher-kva.example");
        assertThat(Resource.parse(resource.toString())).isEqualTo(resource);
    }

    @Test
    void buildsAcctFromUserAndAuthority() {
        assertThat(Resource.acct("org", "Example.ORG")).hasToString("acct:org@example.org");
        assertThat(Resource.acct("a@b", "example.org")).hasToString("acct:a%40b@example.org");
    }

    @Test
    void parsesHttpsUrlsDroppingTheDefaultPort() {
        Resource resource = Resource.parse("HTTPS://WWW.Example.org:443/users/Org?x=1#main");

        assertThat(resource.kind()).isEqualTo(Resource.Kind.URL);
        assertThat(resource.scheme()).isEqualTo("https");
        assertThat(resource.user()).isEmpty();
        assertThat(resource.authority()).isEqualTo("www.example.org");
        assertThat(resource).hasToString("https://www.example.org/users/Org?x=1#main");
        assertThat(resource.handle()).isEmpty();
    }

    @Test
    void keepsANonDefaultPortOfAUrl() {
        assertThat(Resource.parse("http://127.0.0.1:8080/users/alice").authority())
                .isEqualTo("127.0.0.1:8080");
        assertThat(Resource.parse("http://example.org:80/").authority()).isEqualTo("example.org");
    }

    @Test
    void parsesMailto() {
        Resource resource = Resource.parse("mailto:Info@Example.org");

        assertThat(resource.kind()).isEqualTo(Resource.Kind.MAILTO);
        assertThat(resource.user()).contains("Info");
        assertThat(resource).hasToString("mailto:Info@example.org");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "@psf@python.org|acct:psf@python.org",
                "psf@python.org|acct:psf@python.org",
                "  @psf@Python.org  |acct:psf@python.org",
                "acct:psf@python.org|acct:psf@python.org",
                "@alice@127.0.0.1:8080|acct:alice@127.0.0.1:8080",
                "https://python.org/users/psf|https://python.org/users/psf",
            })
    void parsesTheHandlesPeopleWrite(String handle, String expected) {
        assertThat(Resource.parseHandle(handle)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "psf", "@psf", "@@python.org", "psf@", "@psf@python.org@x"})
    void rejectsWhatIsNotAHandle(String handle) {
        assertThatThrownBy(() -> Resource.parseHandle(handle)).isInstanceOf(InvalidResourceException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "psf@python.org|has no URI scheme",
                "=acct:psf@python.org|has no URI scheme",
                "xmpp:psf@python.org|unsupported scheme 'xmpp'",
                "acct:psf|has no '@'",
                "acct:@python.org|user part is empty",
                "acct:@psf@python.org|must percent-encode '@'",
                "acct:psf@|host is empty",
                "acct:psf@python..org|empty label",
                "acct:psf@-python.org|starts or ends with '-'",
                "acct:psf@python.org:0|port out of range",
                "acct:psf@python.org:99999|port out of range",
                "acct:psf@python.org:123456|invalid port",
                "acct:psf@python.org:|invalid port",
                "acct:psf@python.org:80x|invalid port",
                "acct:psf@py%74hon.org|not allowed in a domain name",
                "acct:psf@python.org/path|not allowed in a domain name",
                "acct:ps/f@python.org|must be percent-encoded",
                "acct:ps%zzf@python.org|invalid percent-encoding",
                "acct:psf%@python.org|truncated percent-encoding",
                "acct:ps%FFf@python.org|not valid UTF-8",
                "acct:ps%00f@python.org|control characters",
                "acct:ps%20f@python.org|white space",
                "acct:psf@[::1|unterminated IPv6",
                "acct:psf@[::g]|invalid IPv6",
                "acct:psf@[::1]x|after the IPv6 literal",
                "https:relative/path|absolute URL with a host",
                "https:///nohost|absolute URL with a host",
                "https://user:pw@example.org/|user information",
                "https://exa_mple.org/|not a valid host name",
                "https://example.org/a b|white space",
                "https://example.org:0/|port out of range",
            })
    void rejectsMalformedResourcesWithAReason(String value, String reason) {
        assertThatThrownBy(() -> Resource.parse(value))
                .isInstanceOf(InvalidResourceException.class)
                .satisfies(
                        e -> assertThat(((InvalidResourceException) e).reason()).contains(reason));
    }

    @Test
    void rejectsNullEmptyAndControlCharacters() {
        assertThatThrownBy(() -> Resource.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> Resource.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Resource.parse("acct:psf@python.org\u0000")).hasMessageContaining("control");
        assertThatThrownBy(() -> Resource.parse("acct:psf\n@python.org")).hasMessageContaining("control");
        assertThatThrownBy(() -> Resource.parse("acct:ps\uD800f@python.org")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> Resource.acct("", "python.org")).hasMessageContaining("empty");
    }

    @Test
    void doesNotEchoLongSchemesInTheReason() {
        String scheme = "x".repeat(500);
        assertThatThrownBy(() -> Resource.parse(scheme + ":a@b"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void equalResourcesHaveEqualHashCodes() {
        assertThat(Resource.parse("acct:a@EXAMPLE.org"))
                .isEqualTo(Resource.parse("acct:a@example.org"))
                .hasSameHashCodeAs(Resource.parse("acct:a@example.org"))
                .isNotEqualTo("acct:a@example.org");
    }
}
