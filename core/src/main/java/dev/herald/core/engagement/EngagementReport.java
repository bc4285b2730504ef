package dev.herald.core.engagement;

import dev.herald.core.internal.Checks;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Engagement with the site, read from the store: per post, how many liked, boosted and replied and who; per local
 * actor, followers over time and by server. The numbers X never gave the communications team.
 *
 * <p>Followers over time are counted from the current followers' {@code since} dates (followers who left are not
 * in the store, so the curve shows how today's audience built up). Reading all followers streams them page by page.
 *
 * <p>Thread-safe (the store is).
 */
public final class EngagementReport {
    private static final int PAGE = 500;
    private final HeraldStore store;

    private EngagementReport(HeraldStore store) {
        this.store = store;
    }

    /** A report over {@code store}. */
    public static EngagementReport of(HeraldStore store) {
        return new EngagementReport(Checks.notNull(store, "store"));
    }

    /** How many likes, boosts and replies {@code post} has. */
    public EngagementCounts counts(URI post) {
        return store.engagement().counts(Checks.notNull(post, "post"));
    }

    /** Who liked (or boosted, or replied to) {@code post}, oldest first, a page at a time. */
    public Page<Engagement> who(URI post, Engagement.Kind kind, PageRequest page) {
        return store.engagement()
                .list(Checks.notNull(post, "post"), Checks.notNull(kind, "kind"), Checks.notNull(page, "page"));
    }

    /** How many accepted followers {@code username} has. */
    public long followers(String username) {
        return store.followers().count(Checks.notNull(username, "username"), Follower.State.ACCEPTED);
    }

    /**
     * The number of {@code username}'s current followers on each day a follower arrived, cumulative, in {@code
     * zone}'s days.
     */
    public NavigableMap<LocalDate, Long> followersOverTime(String username, ZoneId zone) {
        Checks.notNull(zone, "zone");
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        forEachFollower(username, f -> perDay.merge(LocalDate.ofInstant(f.since(), zone), 1L, Long::sum));
        long total = 0;
        for (Map.Entry<LocalDate, Long> day : perDay.entrySet()) {
            total += day.getValue();
            day.setValue(total);
        }
        return perDay;
    }

    /** {@code username}'s followers by server (host, lower case), most first. */
    public Map<String, Long> followersByServer(String username) {
        Map<String, Long> byHost = new LinkedHashMap<>();
        forEachFollower(username, f -> {
            String host = f.follower().getHost();
            byHost.merge(host == null ? "" : host.toLowerCase(Locale.ROOT), 1L, Long::sum);
        });
        return byHost.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private void forEachFollower(String username, Consumer<Follower> action) {
        Checks.notNull(username, "username");
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<Follower> page = store.followers().list(username, Follower.State.ACCEPTED, request);
            page.items().forEach(action);
            if (page.next().isEmpty()) {
                return;
            }
            request = PageRequest.after(page.next().get(), PAGE);
        }
    }
}
