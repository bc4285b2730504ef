package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link FollowerStore}: followers by state, oldest first, distinct delivery inboxes, 410 clean-up. */
public interface FollowerContract extends StoreContract {
    /** A follower on {@code host} named {@code name}, with the host's shared inbox if {@code shared}. */
    static Follower follower(String actor, String host, String name, boolean shared, long since) {
        return new Follower(
                actor,
                uri(host, "/users/" + name),
                uri(host, "/users/" + name + "/inbox"),
                shared ? Optional.of(uri(host, "/inbox")) : Optional.empty(),
                Optional.of(uri(host, "/follows/" + name)),
                Follower.State.ACCEPTED,
                at(since));
    }

    private static Follower pending(Follower f) {
        return new Follower(
                f.actor(),
                f.follower(),
                f.inbox(),
                f.sharedInbox(),
                f.followActivity(),
                Follower.State.PENDING,
                f.since());
    }

    @Test
    default void followerReadsBackAndIsRemoved() {
        Follower f = follower("news", "a.example", "alice", true, 0);
        store().followers().put(f);

        assertThat(store().followers().find("news", f.follower())).contains(f);
        assertThat(store().followers().find("other", f.follower())).isEmpty();
        assertThat(store().followers().remove("news", f.follower())).isTrue();
        assertThat(store().followers().remove("news", f.follower())).isFalse();
        assertThat(store().followers().find("news", f.follower())).isEmpty();
    }

    @Test
    default void acceptingAPendingFollowerReplacesIt() {
        Follower f = follower("news", "a.example", "alice", false, 0);
        store().followers().put(pending(f));
        assertThat(store().followers().count("news", Follower.State.PENDING)).isEqualTo(1);

        store().followers().put(f);

        assertThat(store().followers().count("news", Follower.State.PENDING)).isZero();
        assertThat(store().followers().count("news", Follower.State.ACCEPTED)).isEqualTo(1);
    }

    @Test
    default void followersPageOldestFirstByState() {
        for (int i = 0; i < 23; i++) {
            store().followers().put(follower("news", "h" + (i % 5) + ".example", "u" + i, i % 2 == 0, i / 3));
        }
        store().followers().put(pending(follower("news", "p.example", "waiting", false, 1)));
        store().followers().put(follower("other", "a.example", "alice", false, 0));

        List<Follower> all = StoreContract.all(p -> store().followers().list("news", Follower.State.ACCEPTED, p), 7);

        assertThat(all).hasSize(23).doesNotHaveDuplicates();
        for (int i = 1; i < all.size(); i++) {
            Follower a = all.get(i - 1);
            Follower b = all.get(i);
            assertThat(a.since()).isBeforeOrEqualTo(b.since());
            if (a.since().equals(b.since())) {
                assertThat(a.follower().toString()).isLessThan(b.follower().toString());
            }
        }
        assertThat(store().followers().count("news", Follower.State.ACCEPTED)).isEqualTo(23);
        assertThat(store().followers()
                        .list("news", Follower.State.PENDING, PageRequest.first(5))
                        .items())
                .extracting(Follower::follower)
                .containsExactly(uri("p.example", "/users/waiting"));
    }

    @Test
    default void nextPageStillWorksWhenTheCursorsFollowerLeft() {
        for (int i = 0; i < 5; i++) {
            store().followers().put(follower("news", "a.example", "u" + i, false, i));
        }
        Page<Follower> first = store().followers().list("news", Follower.State.ACCEPTED, PageRequest.first(2));
        store().followers().remove("news", first.items().get(1).follower());

        Page<Follower> second = store().followers()
                .list(
                        "news",
                        Follower.State.ACCEPTED,
                        PageRequest.after(first.next().orElseThrow(), 2));

        assertThat(second.items())
                .extracting(Follower::follower)
                .containsExactly(uri("a.example", "/users/u2"), uri("a.example", "/users/u3"));
    }

    @Test
    default void deliveryInboxesAreDistinctAndPreferTheSharedInbox() {
        store().followers().put(follower("news", "big.example", "a", true, 0));
        store().followers().put(follower("news", "big.example", "b", true, 1));
        store().followers().put(follower("news", "big.example", "c", true, 2));
        store().followers().put(follower("news", "small.example", "d", false, 3));
        store().followers().put(pending(follower("news", "wait.example", "e", false, 4)));
        store().followers().put(follower("other", "else.example", "f", false, 5));

        List<URI> inboxes = new ArrayList<>();
        store().followers().forEachDeliveryInbox("news", inboxes::add);

        assertThat(inboxes)
                .containsExactlyInAnyOrder(uri("big.example", "/inbox"), uri("small.example", "/users/d/inbox"));
    }

    @Test
    default void goneInboxRemovesEveryFollowerDeliveredThere() {
        store().followers().put(follower("news", "big.example", "a", true, 0));
        store().followers().put(follower("events", "big.example", "b", true, 1));
        store().followers().put(follower("news", "small.example", "c", false, 2));

        assertThat(store().followers().removeByInbox(uri("big.example", "/inbox")))
                .isEqualTo(2);
        assertThat(store().followers().count("news", Follower.State.ACCEPTED)).isEqualTo(1);
        assertThat(store().followers().count("events", Follower.State.ACCEPTED)).isZero();
    }
}
