package dev.herald.core.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.Follower;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The numbers the communications team reads: per post, followers over time and by server. */
class EngagementReportTest {
    private final InMemoryStore store = new InMemoryStore();
    private final EngagementReport report = EngagementReport.of(store);
    private static final URI POST = URI.create("https://www.example.org/ap/notes/1");

    private void follower(String id, String since) {
        URI actor = URI.create(id);
        store.followers()
                .put(new Follower(
                        "news",
                        actor,
                        URI.create(id + "/inbox"),
                        Optional.empty(),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        Instant.parse(since)));
    }

    @Test
    void countsAndListsWhoReacted() {
        URI bob = URI.create("https://a.example/users/bob");
        store.engagement()
                .record(new Engagement(
                        Engagement.Kind.LIKE,
                        POST,
                        bob,
                        URI.create(bob + "/likes/1"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty(),
                        Optional.empty()));
        assertThat(report.counts(POST)).isEqualTo(new EngagementCounts(1, 0, 0, 0));
        assertThat(report.who(POST, Engagement.Kind.LIKE, PageRequest.first(10)).items())
                .extracting(Engagement::actor)
                .containsExactly(bob);
    }

    @Test
    void followersOverTimeAreCumulativePerDay() {
        follower("https://a.example/users/1", "2026-01-01T10:00:00Z");
        follower("https://a.example/users/2", "2026-01-01T11:00:00Z");
        follower("https://b.example/users/3", "2026-01-03T09:00:00Z");
        assertThat(report.followersOverTime("news", ZoneOffset.UTC))
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-01-01"), 2L), Map.entry(LocalDate.parse("2026-01-03"), 3L));
        assertThat(report.followers("news")).isEqualTo(3);
    }

    @Test
    void followersByServerMostFirst() {
        follower("https://small.example/users/1", "2026-01-01T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            follower("https://Big.example/users/" + i, "2026-01-02T10:00:00Z");
        }
        assertThat(List.copyOf(report.followersByServer("news").entrySet()))
                .containsExactly(Map.entry("big.example", 3L), Map.entry("small.example", 1L));
    }
}
