package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link QuoteAuthorizationStore}: by id, by quoting post, per actor and state oldest first; removal. */
public interface QuoteAuthorizationContract extends StoreContract {
    URI QUOTED = uri("site.example", "/notes/1");

    private static QuoteAuthorization pending(String who, int n, long second) {
        return new QuoteAuthorization(
                uri("site.example", "/actors/news/quote-authorizations/" + who + n),
                "news",
                QUOTED,
                uri("r.example", "/users/" + who + "/statuses/" + n),
                uri("r.example", "/users/" + who),
                uri("r.example", "/users/" + who + "#quote-requests/" + n),
                uri("r.example", "/users/" + who + "/inbox"),
                QuoteAuthorization.State.PENDING,
                at(second),
                Optional.empty());
    }

    @Test
    default void anAuthorizationIsFoundByIdAndByQuotingPostAndReplacedByPut() {
        QuoteAuthorization asked = pending("a", 1, 0);
        store().quoteAuthorizations().put(asked);
        assertThat(store().quoteAuthorizations().find(asked.id())).contains(asked);
        assertThat(store().quoteAuthorizations().findByQuotingPost(asked.quotingPost()))
                .containsExactly(asked);

        QuoteAuthorization accepted = asked.withState(QuoteAuthorization.State.ACCEPTED, at(5));
        store().quoteAuthorizations().put(accepted);
        assertThat(store().quoteAuthorizations().find(asked.id())).contains(accepted);
        assertThat(store().quoteAuthorizations().find(uri("site.example", "/nothing")))
                .isEmpty();
        assertThat(store().quoteAuthorizations().findByQuotingPost(uri("r.example", "/nothing")))
                .isEmpty();
    }

    @Test
    default void authorizationsAreListedPerActorAndStateOldestFirst() {
        for (int i = 0; i < 9; i++) {
            store().quoteAuthorizations().put(pending("u" + i, i, 40 - i / 2));
        }
        store().quoteAuthorizations().put(pending("x", 1, 0).withState(QuoteAuthorization.State.ACCEPTED, at(1)));

        List<QuoteAuthorization> waiting = StoreContract.all(
                p -> store().quoteAuthorizations().list("news", QuoteAuthorization.State.PENDING, p), 4);

        assertThat(waiting).hasSize(9).doesNotHaveDuplicates();
        assertThat(waiting).extracting(QuoteAuthorization::requested).isSorted();
        assertThat(store().quoteAuthorizations()
                        .list("news", QuoteAuthorization.State.ACCEPTED, PageRequest.first(5))
                        .items())
                .extracting(QuoteAuthorization::quotingActor)
                .containsExactly(uri("r.example", "/users/x"));
        assertThat(store().quoteAuthorizations()
                        .list("other", QuoteAuthorization.State.PENDING, PageRequest.first(5))
                        .items())
                .isEmpty();
    }

    @Test
    default void authorizationsAreRemovedByIdOrByQuotingActor() {
        store().quoteAuthorizations().put(pending("a", 1, 0));
        store().quoteAuthorizations().put(pending("a", 2, 1));
        store().quoteAuthorizations().put(pending("b", 3, 2));

        assertThat(store().quoteAuthorizations().remove(pending("b", 3, 2).id()))
                .isTrue();
        assertThat(store().quoteAuthorizations().remove(pending("b", 3, 2).id()))
                .isFalse();
        assertThat(store().quoteAuthorizations().removeByQuotingActor(uri("r.example", "/users/a")))
                .isEqualTo(2);
        assertThat(store().quoteAuthorizations()
                        .list("news", QuoteAuthorization.State.PENDING, PageRequest.first(5))
                        .items())
                .isEmpty();
    }
}
