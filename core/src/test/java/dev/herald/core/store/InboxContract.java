package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link InboxStore}: stored once per activity id, processed under lease, retried, purged. */
public interface InboxContract extends StoreContract {
    private static InboxActivity like(int n, long second) {
        return new InboxActivity(
                uri("r.example", "/likes/" + n),
                uri("r.example", "/users/alice"),
                "{\"type\":\"Like\",\"n\":" + n + "}",
                at(second));
    }

    @Test
    default void activityIsAcceptedOncePerId() {
        assertThat(store().inbox().accept(like(1, 0))).isTrue();
        assertThat(store().inbox().accept(like(1, 5))).isFalse();
        assertThat(store().inbox().counts()).containsEntry(JobState.PENDING, 1L);
    }

    @Test
    default void concurrentDeliveriesOfOneActivityAreAcceptedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> store().inbox().accept(like(7, 0)));
            }
            int accepted = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                accepted += f.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void acceptedActivityIsClaimedRawAndProcessed() {
        store().inbox().accept(like(1, 0));
        store().inbox().accept(like(2, 1));

        List<ClaimedActivity> claimed = store().inbox().claim("p1", 10, Duration.ofMinutes(1), at(2));

        assertThat(claimed).extracting(ClaimedActivity::activity).containsExactlyInAnyOrder(like(1, 0), like(2, 1));
        assertThat(claimed).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
        assertThat(store().inbox().processed(claimed.get(0), at(3))).isTrue();
        assertThat(store().inbox().processed(claimed.get(0), at(3))).isFalse();
        assertThat(store().inbox().claim("p2", 10, Duration.ofMinutes(1), at(4)))
                .isEmpty();
        assertThat(store().inbox().counts()).containsEntry(JobState.DONE, 1L).containsEntry(JobState.CLAIMED, 1L);
    }

    @Test
    default void manyConcurrentActivitiesAreEachStoredOnceWithTheRightAnswer() throws Exception {
        // Many threads at once (a store may commit them together): each distinct id is accepted exactly once,
        // every repeat of an id is refused, and nothing is lost.
        int threads = 16;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(() -> {
                    int accepted = 0;
                    for (int i = 0; i < perThread; i++) {
                        // Ids 0..319, each sent by two threads.
                        int id = (thread / 2) * perThread + i;
                        accepted += store().inbox().accept(like(1000 + id, i)) ? 1 : 0;
                    }
                    return accepted;
                });
            }
            int accepted = 0;
            for (Future<Integer> f : pool.invokeAll(senders)) {
                accepted += f.get();
            }
            assertThat(accepted).isEqualTo(threads / 2 * perThread);
            assertThat(store().inbox().counts()).containsEntry(JobState.PENDING, (long) threads / 2 * perThread);
            List<ClaimedActivity> claimed = store().inbox().claim("p", 1000, Duration.ofMinutes(1), at(100));
            assertThat(claimed)
                    .extracting(c -> c.activity().activityId())
                    .doesNotHaveDuplicates()
                    .hasSize(threads / 2 * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void severalActivitiesAreMarkedProcessedAtOnceSkippingThoseNoLongerHeld() {
        for (int i = 1; i <= 4; i++) {
            store().inbox().accept(like(i, 0));
        }
        List<ClaimedActivity> claimed = store().inbox().claim("p1", 10, Duration.ofMinutes(1), at(1));
        assertThat(claimed).hasSize(4);
        assertThat(store().inbox().processed(claimed.get(0), at(2))).isTrue();

        assertThat(store().inbox().processed(claimed, at(3))).isEqualTo(3);
        assertThat(store().inbox().processed(List.of(), at(3))).isZero();
        assertThat(store().inbox().counts()).containsEntry(JobState.DONE, 4L);
        assertThat(store().inbox().claim("p2", 10, Duration.ofMinutes(1), at(4)))
                .isEmpty();
    }

    @Test
    default void failedProcessingIsRetriedThenGivenUp() {
        store().inbox().accept(like(1, 0));
        ClaimedActivity first =
                store().inbox().claim("p", 10, Duration.ofMinutes(1), at(0)).get(0);
        assertThat(store().inbox().retryLater(first, "actor fetch failed", at(60)))
                .isTrue();
        assertThat(store().inbox().claim("p", 10, Duration.ofMinutes(1), at(59)))
                .isEmpty();

        ClaimedActivity second =
                store().inbox().claim("p", 10, Duration.ofMinutes(1), at(60)).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(store().inbox().giveUp(second, "still failing", at(61))).isTrue();

        assertThat(store().inbox().claim("p", 10, Duration.ofMinutes(1), at(86_400)))
                .isEmpty();
        assertThat(store().inbox().counts()).containsEntry(JobState.GIVEN_UP, 1L);
    }

    @Test
    default void activityOfADeadProcessorIsClaimedAgainAfterItsLease() {
        store().inbox().accept(like(1, 0));
        ClaimedActivity dead =
                store().inbox().claim("dies", 10, Duration.ofSeconds(10), at(0)).get(0);

        ClaimedActivity again =
                store().inbox().claim("p2", 10, Duration.ofSeconds(10), at(10)).get(0);

        assertThat(again.id()).isEqualTo(dead.id());
        assertThat(store().inbox().processed(dead, at(11))).isFalse();
        assertThat(store().inbox().processed(again, at(11))).isTrue();
    }

    @Test
    default void purgedActivitiesAreForgottenSoTheirIdIsAcceptedAgain() {
        store().inbox().accept(like(1, 0));
        store().inbox().accept(like(2, 100));
        ClaimedActivity c =
                store().inbox().claim("p", 1, Duration.ofMinutes(1), at(0)).get(0);
        store().inbox().processed(c, at(1));

        assertThat(store().inbox().purgeFinished(at(50))).isEqualTo(1);

        assertThat(store().inbox().accept(like(1, 200))).isTrue();
        assertThat(store().inbox().accept(like(2, 200))).isFalse();
    }

    @Test
    default void purgeOfMoreThanABatchDeletesExactlyTheOldFinishedActivities() {
        // Likes 1 to 12, in id order processed, given up, retrying, and processed but received late, and again; then
        // likes 13 to 20, processed.
        for (int n = 1; n <= 20; n++) {
            store().inbox().accept(like(n, n <= 12 && n % 4 == 0 ? 200 : n));
        }
        List<ClaimedActivity> claimed = store().inbox().claim("p", 100, Duration.ofMinutes(1), at(300));
        assertThat(claimed).hasSize(20);
        for (ClaimedActivity c : claimed) {
            int n = Integer.parseInt(c.activity().activityId().getPath().substring("/likes/".length()));
            switch (n <= 12 ? n % 4 : 1) {
                case 2 -> store().inbox().giveUp(c, "bad", at(301));
                case 3 -> store().inbox().retryLater(c, "later", at(1000));
                default -> store().inbox().processed(c, at(301));
            }
        }

        // Six of the first twelve and all of the last eight: more than one batch of a store that purges in batches.
        assertThat(store().inbox().purgeFinished(at(100))).isEqualTo(14).isGreaterThan(3 * PURGE_BATCH);

        assertThat(store().inbox().counts())
                .containsEntry(JobState.DONE, 3L)
                .containsEntry(JobState.GIVEN_UP, 0L)
                .containsEntry(JobState.RETRY, 3L);
        assertThat(store().inbox().purgeFinished(at(100))).isZero();
        assertThat(store().inbox().claim("p", 100, Duration.ofMinutes(1), at(1000)))
                .extracting(c -> c.activity().json())
                .containsExactlyInAnyOrder(
                        like(3, 0).json(), like(7, 0).json(), like(11, 0).json());
        for (int n = 1; n <= 20; n++) {
            boolean purged = n > 12 || n % 4 == 1 || n % 4 == 2;
            assertThat(store().inbox().accept(like(n, 2000)))
                    .as("like %d accepted again", n)
                    .isEqualTo(purged);
        }
    }

    @Test
    default void activityOverTheLimitIsRefused() {
        InboxActivity huge =
                new InboxActivity(uri("r.example", "/x"), uri("r.example", "/a"), "a".repeat((1 << 20) + 1), at(0));
        assertThatThrownBy(() -> store().inbox().accept(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("json");
    }
}
