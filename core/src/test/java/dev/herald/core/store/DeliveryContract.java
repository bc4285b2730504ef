package dev.herald.core.store;

import static dev.herald.core.store.FollowerContract.follower;
import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DeliveryStore}: fan-out once per inbox, claim under lease, outcomes, expiry, purge. */
public interface DeliveryContract extends StoreContract {
    Duration LEASE = Duration.ofMinutes(5);

    /** An activity of {@code news} numbered {@code n}. */
    static URI activity(int n) {
        return uri("site.example", "/activities/" + n);
    }

    private static String payload(int n) {
        return "{\"id\":\"" + activity(n) + "\",\"type\":\"Create\"}";
    }

    private void followers() {
        store().followers().put(follower("news", "big.example", "a", true, 0));
        store().followers().put(follower("news", "big.example", "b", true, 1));
        store().followers().put(follower("news", "small.example", "c", false, 2));
    }

    @Test
    default void fanOutQueuesOneJobPerDistinctInbox() {
        followers();
        DeliveryBatch batch = new DeliveryBatch(
                activity(1),
                "news",
                payload(1),
                true,
                List.of(uri("small.example", "/users/c/inbox"), uri("mention.example", "/users/m/inbox")));

        assertThat(store().deliveries().enqueue(batch, at(0))).isEqualTo(3);

        List<ClaimedDelivery> jobs = store().deliveries().claim("w1", 10, LEASE, at(0));
        assertThat(jobs)
                .extracting(ClaimedDelivery::inbox)
                .containsExactlyInAnyOrder(
                        uri("big.example", "/inbox"),
                        uri("small.example", "/users/c/inbox"),
                        uri("mention.example", "/users/m/inbox"));
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.payload()).isEqualTo(payload(1));
            assertThat(j.activityId()).isEqualTo(activity(1));
            assertThat(j.actor()).isEqualTo("news");
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.lease().owner()).isEqualTo("w1");
            assertThat(j.lease().until()).isEqualTo(at(0).plus(LEASE));
        });
    }

    @Test
    default void aFanOutIsClaimedWithItsHostsTakenInTurn() {
        // Ten followers on each of three hosts, followed host by host, no shared inboxes.
        int n = 0;
        for (String host : List.of("a.example", "b.example", "c.example")) {
            for (int i = 0; i < 10; i++) {
                store().followers().put(follower("news", host, "u" + i, false, n++));
            }
        }
        assertThat(store().deliveries().enqueue(DeliveryBatch.toFollowers(activity(1), "news", payload(1)), at(0)))
                .isEqualTo(30);

        // A claim of six takes two inboxes of each host, not six of the first.
        List<ClaimedDelivery> first = store().deliveries().claim("w", 6, LEASE, at(1));
        assertThat(first.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                ClaimedDelivery::host, java.util.stream.Collectors.counting())))
                .containsOnly(
                        java.util.Map.entry("a.example", 2L),
                        java.util.Map.entry("b.example", 2L),
                        java.util.Map.entry("c.example", 2L));
        assertThat(store().deliveries().claim("w", 100, LEASE, at(1))).hasSize(24);
    }

    @Test
    default void enqueuingTheSameActivityAgainAddsOnlyNewInboxes() {
        followers();
        DeliveryBatch batch = DeliveryBatch.toFollowers(activity(1), "news", payload(1));
        assertThat(store().deliveries().enqueue(batch, at(0))).isEqualTo(2);

        assertThat(store().deliveries().enqueue(batch, at(1))).isZero();
        store().followers().put(follower("news", "new.example", "n", false, 3));
        assertThat(store().deliveries().enqueue(batch, at(2))).isEqualTo(1);
        assertThat(store().deliveries().counts()).containsEntry(JobState.PENDING, 3L);
    }

    @Test
    default void claimedJobsAreNotClaimedAgainWhileLeased() {
        followers();
        store().deliveries().enqueue(DeliveryBatch.toFollowers(activity(1), "news", payload(1)), at(0));

        assertThat(store().deliveries().claim("w1", 1, LEASE, at(0))).hasSize(1);
        assertThat(store().deliveries().claim("w2", 10, LEASE, at(1))).hasSize(1);
        assertThat(store().deliveries().claim("w3", 10, LEASE, at(2))).isEmpty();
        assertThat(store().deliveries().counts()).containsEntry(JobState.CLAIMED, 2L);
    }

    @Test
    default void jobsAreClaimedOldestDueFirstAndNotBeforeTheyAreDue() {
        List<URI> inbox = List.of(uri("x.example", "/inbox"));
        store().deliveries().enqueue(DeliveryBatch.toInboxes(activity(2), "news", payload(2), inbox), at(20));
        store().deliveries().enqueue(DeliveryBatch.toInboxes(activity(1), "news", payload(1), inbox), at(10));

        assertThat(store().deliveries().claim("w", 10, LEASE, at(5))).isEmpty();
        assertThat(store().deliveries().claim("w", 1, LEASE, at(30)))
                .extracting(ClaimedDelivery::activityId)
                .containsExactly(activity(1));
        assertThat(store().deliveries().claim("w", 1, LEASE, at(30)))
                .extracting(ClaimedDelivery::activityId)
                .containsExactly(activity(2));
    }

    @Test
    default void deliveredJobIsDone() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(activity(1), "news", payload(1), List.of(uri("x.example", "/i"))),
                        at(0));
        ClaimedDelivery job = store().deliveries().claim("w", 10, LEASE, at(0)).get(0);

        assertThat(store().deliveries().delivered(job, at(1))).isTrue();
        assertThat(store().deliveries().delivered(job, at(2))).isFalse();
        assertThat(store().deliveries().counts())
                .containsEntry(JobState.DONE, 1L)
                .containsEntry(JobState.CLAIMED, 0L)
                .containsKeys(JobState.values());
        assertThat(store().deliveries().claim("w", 10, LEASE, at(3600))).isEmpty();
    }

    @Test
    default void deliveredInOneCallSkipsJobsNoLongerHeld() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(
                                activity(1),
                                "news",
                                payload(1),
                                List.of(uri("a.example", "/i"), uri("b.example", "/i"), uri("c.example", "/i"))),
                        at(0));
        List<ClaimedDelivery> jobs = store().deliveries().claim("dies", 10, Duration.ofSeconds(30), at(0));
        assertThat(jobs).hasSize(3);
        ClaimedDelivery stolen =
                store().deliveries().claim("w2", 1, LEASE, at(30)).get(0);
        ClaimedDelivery stale =
                jobs.stream().filter(j -> j.id() == stolen.id()).findFirst().orElseThrow();
        List<ClaimedDelivery> stillHeld =
                jobs.stream().filter(j -> j.id() != stolen.id()).toList();

        assertThat(store().deliveries().delivered(List.of(), at(29))).isZero();
        assertThat(store().deliveries().delivered(List.of(stillHeld.get(0), stale, stillHeld.get(1)), at(29)))
                .isEqualTo(2);

        assertThat(store().deliveries().counts())
                .containsEntry(JobState.DONE, 2L)
                .containsEntry(JobState.CLAIMED, 1L);
        assertThat(store().deliveries().delivered(stillHeld, at(31))).isZero();
        assertThat(store().deliveries().delivered(List.of(stolen), at(31))).isEqualTo(1);
        assertThat(store().deliveries().counts()).containsEntry(JobState.DONE, 3L);
    }

    @Test
    default void putBackInOneCallSkipsJobsNoLongerHeldAndTakesNoAttempt() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(
                                activity(1),
                                "news",
                                payload(1),
                                List.of(uri("a.example", "/i"), uri("b.example", "/i"), uri("c.example", "/i"))),
                        at(0));
        List<ClaimedDelivery> jobs = store().deliveries().claim("dies", 10, Duration.ofSeconds(30), at(0));
        ClaimedDelivery stolen =
                store().deliveries().claim("w2", 1, LEASE, at(30)).get(0);
        List<ClaimedDelivery> stillHeld =
                jobs.stream().filter(j -> j.id() != stolen.id()).toList();

        assertThat(store().deliveries().putBack(List.of(), "host full", at(60))).isZero();
        assertThat(store().deliveries().putBack(jobs, "host full", at(60))).isEqualTo(2);

        assertThat(store().deliveries().counts())
                .containsEntry(JobState.PENDING, 2L)
                .containsEntry(JobState.CLAIMED, 1L);
        assertThat(store().deliveries().claim("w", 10, LEASE, at(59))).isEmpty();
        assertThat(store().deliveries().claim("w", 10, LEASE, at(60)))
                .extracting(ClaimedDelivery::id, ClaimedDelivery::attempt)
                .containsExactlyInAnyOrder(
                        tuple(stillHeld.get(0).id(), 1), tuple(stillHeld.get(1).id(), 1));
    }

    @Test
    default void countsCountEveryState() {
        List<URI> inboxes = List.of(
                uri("a.example", "/i"),
                uri("b.example", "/i"),
                uri("c.example", "/i"),
                uri("d.example", "/i"),
                uri("e.example", "/i"));
        store().deliveries().enqueue(DeliveryBatch.toInboxes(activity(1), "news", payload(1), inboxes), at(0));
        List<ClaimedDelivery> jobs = store().deliveries().claim("w", 4, LEASE, at(0));
        store().deliveries().delivered(jobs.get(0), at(1));
        store().deliveries().retryLater(jobs.get(1), "HTTP 503", at(60));
        store().deliveries().giveUp(jobs.get(2), "HTTP 400", at(1));

        assertThat(store().deliveries().counts())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        JobState.PENDING, 1L,
                        JobState.CLAIMED, 1L,
                        JobState.RETRY, 1L,
                        JobState.DONE, 1L,
                        JobState.GIVEN_UP, 1L));
        assertThat(store().deliveries().backlogByHost(10))
                .as("pending, claimed and retrying jobs")
                .hasSize(3);
    }

    @Test
    default void failedJobIsRetriedWhenDueWithTheNextAttemptNumber() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(activity(1), "news", payload(1), List.of(uri("x.example", "/i"))),
                        at(0));
        ClaimedDelivery job = store().deliveries().claim("w", 10, LEASE, at(0)).get(0);

        assertThat(store().deliveries().retryLater(job, "503 from x.example", at(60)))
                .isTrue();

        assertThat(store().deliveries().counts()).containsEntry(JobState.RETRY, 1L);
        assertThat(store().deliveries().claim("w", 10, LEASE, at(59))).isEmpty();
        List<ClaimedDelivery> again = store().deliveries().claim("w", 10, LEASE, at(60));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThat(again.get(0).payload()).isEqualTo(payload(1));
    }

    @Test
    default void givenUpJobIsNeverClaimedAgain() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(activity(1), "news", payload(1), List.of(uri("x.example", "/i"))),
                        at(0));
        ClaimedDelivery job = store().deliveries().claim("w", 10, LEASE, at(0)).get(0);

        assertThat(store().deliveries().giveUp(job, "x".repeat(QueueLimits.MAX_ERROR * 2), at(1)))
                .isTrue();

        assertThat(store().deliveries().counts()).containsEntry(JobState.GIVEN_UP, 1L);
        assertThat(store().deliveries().claim("w", 10, LEASE, at(86_400))).isEmpty();
    }

    @Test
    default void expiredLeaseIsClaimedAgainAndTheFormerHoldersReportIsRefused() {
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(activity(1), "news", payload(1), List.of(uri("x.example", "/i"))),
                        at(0));
        ClaimedDelivery dead = store().deliveries()
                .claim("dies", 10, Duration.ofSeconds(30), at(0))
                .get(0);

        assertThat(store().deliveries().claim("w2", 10, LEASE, at(29))).isEmpty();
        List<ClaimedDelivery> again = store().deliveries().claim("w2", 10, LEASE, at(30));

        assertThat(again).extracting(ClaimedDelivery::id).containsExactly(dead.id());
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThat(store().deliveries().delivered(dead, at(31))).isFalse();
        assertThat(store().deliveries().retryLater(dead, "late", at(99))).isFalse();
        assertThat(store().deliveries().delivered(again.get(0), at(31))).isTrue();
    }

    @Test
    default void claimArgumentsAreChecked() {
        DeliveryStore d = store().deliveries();
        assertThatThrownBy(() -> d.claim("w", 0, LEASE, at(0))).hasMessageContaining("limit");
        assertThatThrownBy(() -> d.claim("w", QueueLimits.MAX_CLAIM + 1, LEASE, at(0)))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> d.claim("w", 1, Duration.ZERO, at(0))).hasMessageContaining("lease");
        assertThatThrownBy(() -> d.claim("w", 1, Duration.ofDays(2), at(0))).hasMessageContaining("lease");
        assertThatThrownBy(() -> d.claim(" ", 1, LEASE, at(0))).hasMessageContaining("workerId");
        assertThatThrownBy(() -> d.backlogByHost(0)).hasMessageContaining("limit");
    }

    @Test
    default void payloadOverTheLimitIsRefused() {
        String huge = "{\"x\":\"" + "a".repeat(1 << 20) + "\"}";
        assertThatThrownBy(() -> store().deliveries()
                        .enqueue(
                                DeliveryBatch.toInboxes(activity(1), "news", huge, List.of(uri("x.example", "/i"))),
                                at(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");
    }

    @Test
    default void backlogIsCountedPerHostMostFirst() {
        followers();
        store().deliveries().enqueue(DeliveryBatch.toFollowers(activity(1), "news", payload(1)), at(0));
        store().deliveries().enqueue(DeliveryBatch.toFollowers(activity(2), "news", payload(2)), at(0));
        store().deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(activity(3), "news", payload(3), List.of(uri("BIG.example", "/x"))),
                        at(0));

        assertThat(store().deliveries().backlogByHost(10))
                .containsExactly(new HostBacklog("big.example", 3), new HostBacklog("small.example", 2));
        assertThat(store().deliveries().backlogByHost(1)).hasSize(1);
    }

    @Test
    default void purgeDeletesFinishedJobsAndTheirPayloads() {
        followers();
        store().deliveries().enqueue(DeliveryBatch.toFollowers(activity(1), "news", payload(1)), at(0));
        List<ClaimedDelivery> jobs = store().deliveries().claim("w", 10, LEASE, at(0));
        store().deliveries().delivered(jobs.get(0), at(1));
        store().deliveries().retryLater(jobs.get(1), "later", at(100));

        assertThat(store().deliveries().purgeFinished(at(2))).isEqualTo(1);

        assertThat(store().deliveries().counts())
                .containsEntry(JobState.DONE, 0L)
                .containsEntry(JobState.RETRY, 1L);
        assertThat(store().deliveries().claim("w", 10, LEASE, at(100)).get(0).payload())
                .isEqualTo(payload(1));
    }

    @Test
    default void purgeOfMoreThanABatchDeletesExactlyTheOldFinishedJobs() {
        // Activity 1: twelve jobs, in id order delivered early, given up early, delivered late, retrying, and again.
        List<URI> inboxes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inboxes.add(uri("h" + i + ".example", "/inbox"));
        }
        store().deliveries().enqueue(DeliveryBatch.toInboxes(activity(1), "news", payload(1), inboxes), at(0));
        // Activity 2: five jobs, all delivered early.
        store().deliveries()
                .enqueue(DeliveryBatch.toInboxes(activity(2), "news", payload(2), inboxes.subList(0, 5)), at(0));
        List<ClaimedDelivery> jobs =
                new java.util.ArrayList<>(store().deliveries().claim("w", 100, LEASE, at(0)));
        assertThat(jobs).hasSize(17);
        jobs.sort(java.util.Comparator.comparingLong(ClaimedDelivery::id));
        List<URI> retrying = new java.util.ArrayList<>();
        for (ClaimedDelivery job : jobs) {
            int turn = job.activityId().equals(activity(1)) ? inboxes.indexOf(job.inbox()) % 4 : 0;
            switch (turn) {
                case 0 -> store().deliveries().delivered(job, at(1));
                case 1 -> store().deliveries().giveUp(job, "HTTP 404", at(1));
                case 2 -> store().deliveries().delivered(job, at(200));
                default -> {
                    store().deliveries().retryLater(job, "HTTP 503", at(1000));
                    retrying.add(job.inbox());
                }
            }
        }
        // Activity 3: three jobs never claimed.
        List<URI> waiting = inboxes.subList(0, 3);
        store().deliveries().enqueue(DeliveryBatch.toInboxes(activity(3), "news", payload(3), waiting), at(0));

        // Six of activity 1 and all five of activity 2: more than one batch of a store that purges in batches.
        assertThat(store().deliveries().purgeFinished(at(100))).isEqualTo(11).isGreaterThan(2 * PURGE_BATCH);

        assertThat(store().deliveries().counts())
                .containsEntry(JobState.DONE, 3L)
                .containsEntry(JobState.GIVEN_UP, 0L)
                .containsEntry(JobState.RETRY, 3L)
                .containsEntry(JobState.PENDING, 3L)
                .containsEntry(JobState.CLAIMED, 0L);
        assertThat(store().deliveries().purgeFinished(at(100))).isZero();
        assertThat(store().deliveries().claim("w", 100, LEASE, at(1000)))
                .extracting(ClaimedDelivery::activityId, ClaimedDelivery::inbox, ClaimedDelivery::payload)
                .containsExactlyInAnyOrder(
                        tuple(activity(1), retrying.get(0), payload(1)),
                        tuple(activity(1), retrying.get(1), payload(1)),
                        tuple(activity(1), retrying.get(2), payload(1)),
                        tuple(activity(3), waiting.get(0), payload(3)),
                        tuple(activity(3), waiting.get(1), payload(3)),
                        tuple(activity(3), waiting.get(2), payload(3)));
        // Activity 2's payload went with its last job: queued again, it is sent with the payload it has now.
        String edited = "{\"id\":\"" + activity(2) + "\",\"type\":\"Update\"}";
        assertThat(store().deliveries()
                        .enqueue(DeliveryBatch.toInboxes(activity(2), "news", edited, inboxes.subList(0, 1)), at(300)))
                .isEqualTo(1);
        assertThat(store().deliveries().claim("w", 100, LEASE, at(300)))
                .extracting(ClaimedDelivery::payload)
                .containsExactly(edited);
    }
}
