package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link EngagementStore}: likes, boosts, replies per object; undo; counts; oldest-first listing. */
public interface EngagementContract extends StoreContract {
    URI POST = uri("site.example", "/notes/1");

    private static Engagement like(String who, int n, long second) {
        return new Engagement(
                Engagement.Kind.LIKE,
                POST,
                uri("r.example", "/users/" + who),
                uri("r.example", "/likes/" + n),
                at(second),
                Optional.empty(),
                Optional.empty());
    }

    private static Engagement reply(String who, int n) {
        return new Engagement(
                Engagement.Kind.REPLY,
                POST,
                uri("r.example", "/users/" + who),
                uri("r.example", "/creates/" + n),
                at(n),
                Optional.of(uri("r.example", "/@" + who + "/" + n)),
                Optional.of("<p>Congratulations!</p>"));
    }

    @Test
    default void reactionsAreRecordedOncePerActivityAndCounted() {
        assertThat(store().engagement().record(like("a", 1, 0))).isTrue();
        assertThat(store().engagement().record(like("a", 1, 0))).isFalse();
        store().engagement().record(like("b", 2, 1));
        store().engagement()
                .record(new Engagement(
                        Engagement.Kind.BOOST,
                        POST,
                        uri("r.example", "/users/c"),
                        uri("r.example", "/announces/3"),
                        at(2),
                        Optional.empty(),
                        Optional.empty()));
        store().engagement().record(reply("d", 4));

        assertThat(store().engagement().counts(POST)).isEqualTo(new EngagementCounts(2, 1, 1, 0));
        assertThat(store().engagement().counts(uri("site.example", "/notes/2")))
                .isEqualTo(new EngagementCounts(0, 0, 0, 0));
        assertThat(store().engagement().find(uri("r.example", "/creates/4"))).contains(reply("d", 4));
    }

    @Test
    default void undoRemovesByActivityIdOrByObjectAndActor() {
        store().engagement().record(like("a", 1, 0));
        store().engagement().record(like("b", 2, 0));

        assertThat(store().engagement().undo(uri("r.example", "/likes/1"))).isTrue();
        assertThat(store().engagement().undo(uri("r.example", "/likes/1"))).isFalse();
        assertThat(store().engagement().undo(Engagement.Kind.BOOST, POST, uri("r.example", "/users/b")))
                .isZero();
        assertThat(store().engagement().undo(Engagement.Kind.LIKE, POST, uri("r.example", "/users/b")))
                .isEqualTo(1);
        assertThat(store().engagement().counts(POST).likes()).isZero();
    }

    @Test
    default void deletedActorsReactionsAreRemoved() {
        store().engagement().record(like("a", 1, 0));
        store().engagement().record(reply("a", 2));
        store().engagement().record(like("b", 3, 0));

        assertThat(store().engagement().removeByActor(uri("r.example", "/users/a")))
                .isEqualTo(2);
        assertThat(store().engagement().counts(POST)).isEqualTo(new EngagementCounts(1, 0, 0, 0));
    }

    @Test
    default void reactionsAreListedOldestFirstPageByPage() {
        for (int i = 0; i < 13; i++) {
            store().engagement().record(like("u" + i, 100 + i, 50 - i / 2));
        }
        store().engagement().record(reply("r", 1));

        List<Engagement> likes = StoreContract.all(p -> store().engagement().list(POST, Engagement.Kind.LIKE, p), 4);

        assertThat(likes).hasSize(13).doesNotHaveDuplicates();
        assertThat(likes).extracting(Engagement::at).isSorted();
        assertThat(store().engagement()
                        .list(POST, Engagement.Kind.REPLY, PageRequest.first(5))
                        .items())
                .containsExactly(reply("r", 1));
    }
}
