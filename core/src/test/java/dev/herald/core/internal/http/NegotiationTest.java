package dev.herald.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.signatures.HttpFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NegotiationTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/activity+json",
                "application/activity+json, application/ld+json",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                "application/ld+json",
                "application/json",
                "APPLICATION/ACTIVITY+JSON",
                "application/activity+json, text/html",
                "text/html;q=0.5, application/activity+json",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams https://example.org/other\"",
                "*/*, application/activity+json;q=0.9"
            })
    void activityPubClientsGetJson(String accept) {
        assertThat(Negotiation.wantsActivityJson(HttpFields.of("Accept", accept)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "*/*",
                "text/html",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "text/html, application/activity+json;q=0.9",
                "application/ld+json; profile=\"https://example.org/not-activitystreams\"",
                "application/activity+json;q=0",
                "application/activity+json;q=abc",
                "image/png",
                "garbage",
                ";;;,,,"
            })
    void browsersAndOthersGetTheSite(String accept) {
        HttpFields headers = accept.isEmpty() ? HttpFields.empty() : HttpFields.of("Accept", accept);
        assertThat(Negotiation.wantsActivityJson(headers)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/activity+json",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""
            })
    void aContentTypeAloneSpeaksActivityPub(String contentType) {
        assertThat(Negotiation.speaksActivityPub(HttpFields.of("Content-Type", contentType)))
                .isTrue();
        assertThat(Negotiation.speaksActivityPub(HttpFields.of("Content-Type", "text/plain")))
                .isFalse();
    }

    @org.junit.jupiter.api.Test
    void severalAcceptLinesCount() {
        assertThat(Negotiation.wantsActivityJson(
                        HttpFields.of("Accept", "text/plain", "Accept", "application/activity+json")))
                .isTrue();
    }
}
