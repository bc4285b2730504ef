package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoubleKnockTest {
    private static final KeyPair KEYS = KeyPairs.rsa2048();
    private static final SigningKey KEY = SigningKey.of("https://herald.example/actor#main-key", KEYS.getPrivate());
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final HttpMessage.Request REQUEST =
            HttpMessage.Request.of("POST", URI.create("https://mastodon.example/inbox"));

    private static DoubleKnock knock(SpecMemory memory) {
        return DoubleKnock.of(CavageSigner.of(KEY), Rfc9421Signer.of(KEY), memory, SignatureSpec.RFC_9421);
    }

    @Test
    void firstKnockUsesTheFirstChoiceForAnUnknownHost() {
        DoubleKnock.Attempt attempt = knock(SpecMemory.inMemory()).first(REQUEST, BODY);
        assertThat(attempt.spec()).isEqualTo(SignatureSpec.RFC_9421);
        assertThat(attempt.request().fields().contains("signature-input")).isTrue();
    }

    @Test
    void refusedKnockIsRetriedWithTheOtherSpecAndTheWinnerRemembered() {
        SpecMemory memory = SpecMemory.inMemory();
        DoubleKnock knock = knock(memory);
        DoubleKnock.Attempt first = knock.first(REQUEST, BODY);
        Optional<DoubleKnock.Attempt> second = knock.after(first, 401, REQUEST, BODY);
        assertThat(second).hasValueSatisfying(a -> {
            assertThat(a.spec()).isEqualTo(SignatureSpec.DRAFT_CAVAGE_12);
            assertThat(a.request().fields().contains("signature-input")).isFalse();
            assertThat(a.request().fields().contains("signature")).isTrue();
        });
        assertThat(knock.after(second.get(), 202, REQUEST, BODY)).isEmpty();
        assertThat(memory.accepted("mastodon.example")).contains(SignatureSpec.DRAFT_CAVAGE_12);
        assertThat(knock.first(REQUEST, BODY).spec()).isEqualTo(SignatureSpec.DRAFT_CAVAGE_12);
    }

    @Test
    void knocksAtMostTwice() {
        DoubleKnock knock = knock(SpecMemory.inMemory());
        DoubleKnock.Attempt first = knock.first(REQUEST, BODY);
        DoubleKnock.Attempt second = knock.after(first, 400, REQUEST, BODY).orElseThrow();
        assertThat(knock.after(second, 401, REQUEST, BODY)).isEmpty();
    }

    @Test
    void serverErrorsAndRateLimitsAreNotSignatureRefusals() {
        DoubleKnock knock = knock(SpecMemory.inMemory());
        DoubleKnock.Attempt first = knock.first(REQUEST, BODY);
        assertThat(knock.after(first, 500, REQUEST, BODY)).isEmpty();
        assertThat(knock.after(first, 429, REQUEST, BODY)).isEmpty();
    }

    @Test
    void everyRefusalStatusTriggersTheSecondKnock() {
        DoubleKnock knock = knock(SpecMemory.inMemory());
        for (int status : new int[] {400, 401, 403, 404, 410}) {
            assertThat(knock.after(knock.first(REQUEST, BODY), status, REQUEST, BODY))
                    .as("status %d", status)
                    .isPresent();
        }
    }

    @Test
    void memoryForgetsTheLeastRecentlyUsedHost() {
        SpecMemory memory = SpecMemory.inMemory(2);
        memory.remember("a.example", SignatureSpec.RFC_9421);
        memory.remember("b.example", SignatureSpec.RFC_9421);
        memory.accepted("a.example");
        memory.remember("c.example", SignatureSpec.DRAFT_CAVAGE_12);
        assertThat(memory.accepted("A.EXAMPLE")).contains(SignatureSpec.RFC_9421);
        assertThat(memory.accepted("b.example")).isEmpty();
        assertThat(memory.accepted("c.example")).contains(SignatureSpec.DRAFT_CAVAGE_12);
    }
}
