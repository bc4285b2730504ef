package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourcePropertiesTest {

    @Property(tries = 2000)
    void parsingAnyStringEitherSucceedsOrThrowsInvalidResource(@ForAll String anything) {
        try {
            Resource resource = Resource.parse(anything);
            assertThat(Resource.parse(resource.toString())).isEqualTo(resource);
        } catch (InvalidResourceException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void acctOfAnyUserRoundTripsThroughItsCanonicalForm(@ForAll("users") String user, @ForAll("hosts") String host) {
        Resource resource = Resource.acct(user, host);

        assertThat(resource.user()).contains(user);
        assertThat(resource.authority()).isEqualTo(host.toLowerCase(java.util.Locale.ROOT));
        assertThat(Resource.parse(resource.toString())).isEqualTo(resource);
        assertThat(Resource.parse(resource.uri().toString())).isEqualTo(resource);
        assertThat(Resource.parseHandle("@" + resource.toString().substring("acct:".length())))
                .isEqualTo(resource);
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.strings()
                .withChars("abcXYZ019_-.~!$&'()*+,;=@:/?#é漢")
                .ofMinLength(1)
                .ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABC0123456789")
                .ofMinLength(1)
                .ofMaxLength(12);
        return Combinators.combine(label, label, Arbitraries.of("", ":8080", ":1"))
                .as((a, b, port) -> a + "." + b + port);
    }
}
