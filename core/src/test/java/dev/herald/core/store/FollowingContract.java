package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link FollowingStore}: follows sent, accepted ones listed oldest first. */
public interface FollowingContract extends StoreContract {
    private static Following follow(String name, boolean accepted, long since) {
        return new Following(
                "news",
                uri("r.example", "/users/" + name),
                Optional.of(uri("site.example", "/f/" + name)),
                accepted,
                at(since));
    }

    @Test
    default void followReadsBackIsReplacedAndRemoved() {
        store().following().put(follow("a", false, 0));
        assertThat(store().following().count("news")).isZero();

        store().following().put(follow("a", true, 0));

        assertThat(store().following().find("news", uri("r.example", "/users/a")))
                .contains(follow("a", true, 0));
        assertThat(store().following().count("news")).isEqualTo(1);
        assertThat(store().following().remove("news", uri("r.example", "/users/a")))
                .isTrue();
        assertThat(store().following().remove("news", uri("r.example", "/users/a")))
                .isFalse();
    }

    @Test
    default void acceptedFollowsPageOldestFirst() {
        for (int i = 0; i < 12; i++) {
            store().following().put(follow("u" + i, i != 4, 20 - i));
        }

        List<Following> all = StoreContract.all(p -> store().following().list("news", p), 5);

        assertThat(all).hasSize(11);
        assertThat(all.get(0).followee()).isEqualTo(uri("r.example", "/users/u11"));
        assertThat(all).extracting(Following::since).isSorted();
        assertThat(store().following().count("news")).isEqualTo(11);
    }
}
