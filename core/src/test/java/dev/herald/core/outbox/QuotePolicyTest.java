package dev.herald.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.outbox.QuotePolicy.Audience;
import org.junit.jupiter.api.Test;

/** Who may quote a post: the named policies and the check on manual approval. */
class QuotePolicyTest {
    @Test
    void theNamedPoliciesAreWhatTheirNamesSay() {
        assertThat(QuotePolicy.PUBLIC).isEqualTo(new QuotePolicy(Audience.ANYONE, Audience.NOBODY));
        assertThat(QuotePolicy.FOLLOWERS).isEqualTo(new QuotePolicy(Audience.FOLLOWERS, Audience.NOBODY));
        assertThat(QuotePolicy.MANUAL).isEqualTo(new QuotePolicy(Audience.NOBODY, Audience.ANYONE));
        assertThat(QuotePolicy.NOBODY).isEqualTo(new QuotePolicy(Audience.NOBODY, Audience.NOBODY));
    }

    @Test
    void manualApprovalMustReachFurtherThanAutomaticApproval() {
        assertThat(new QuotePolicy(Audience.FOLLOWERS, Audience.ANYONE).manual())
                .isEqualTo(Audience.ANYONE);
        assertThatThrownBy(() -> new QuotePolicy(Audience.ANYONE, Audience.FOLLOWERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manual must be NOBODY or wider than automatic (ANYONE), got FOLLOWERS");
        assertThatThrownBy(() -> new QuotePolicy(Audience.FOLLOWERS, Audience.FOLLOWERS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuotePolicy(null, Audience.NOBODY)).hasMessageContaining("automatic");
    }
}
