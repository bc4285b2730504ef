package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server reproduces the WebFinger responses in {@code ../shared/vectors/webfinger} that servers like ours send. */
class WebFingerServerVectorsTest {

    @Test
    void ourServerReproducesTheGoToSocialSplitDomainResponse() throws Exception {
        Jrd expected = Jrd.parse(Vectors.read("webfinger/gotosocial-webfinger-split-domain.json"));
        WebFingerServer server = WebFingerServer.builder()
                .handleHost("example.org")
                .actorHost("gts.example.org")
                .resolver(resource -> resource.user()
                        .filter("new_account_domain_user"::equals)
                        .map(user -> expected))
                .build();

        for (String asked :
                List.of("acct:new_account_domain_user@example.org", "acct:new_account_domain_user@gts.example.org")) {
            WebFingerResponse response = server.webFinger("resource=" + asked);
            assertThat(response.status()).isEqualTo(200);
            assertThat(Jrd.parse(response.body())).isEqualTo(expected);
        }
    }

    @Test
    void ourServerReproducesMastodonsResponseForEveryRelFilterMastodonUses() throws Exception {
        Jrd expected = Jrd.parse(Vectors.read("webfinger/mastodon-docs-webfinger-gargron.json"));
        WebFingerServer server = WebFingerServer.builder()
                .handleHost("mastodon.social")
                .resolver(resource -> Optional.of(expected))
                .build();

        Jrd all = Jrd.parse(
                server.webFinger("resource=acct:Gargron@mastodon.social").body());
        Jrd self = Jrd.parse(server.webFinger("resource=acct:Gargron@mastodon.social&rel=self")
                .body());

        assertThat(all).isEqualTo(expected);
        assertThat(self.links()).containsExactly(expected.link("self").orElseThrow());
        assertThat(self.subject()).isEqualTo(expected.subject());
        assertThat(self.aliases()).isEqualTo(expected.aliases());
    }
}
