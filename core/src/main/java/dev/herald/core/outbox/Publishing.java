package dev.herald.core.outbox;

import dev.herald.core.delivery.DeliverySettings;
import dev.herald.core.internal.Checks;
import java.util.Optional;

/**
 * How a {@code Federation} publishes and delivers: ids and the Article threshold ({@link PublishSettings}), how
 * mentions are resolved, the delivery engine's limits, and whether this node runs delivery workers. Immutable and
 * thread-safe; the {@link Builder} is not.
 *
 * @param settings ids, hashtag pages and the Article threshold; empty: the defaults for the site
 * @param mentions how handles become actors; empty: WebFinger, with inboxes from the remote-actor cache
 * @param delivery the delivery engine's limits
 * @param runDelivery whether this node delivers (false on web nodes that only publish, with workers elsewhere)
 */
public record Publishing(
        Optional<PublishSettings> settings,
        Optional<MentionResolver> mentions,
        DeliverySettings delivery,
        boolean runDelivery) {

    /** Checks the parts. */
    public Publishing {
        Checks.notNull(settings, "settings");
        Checks.notNull(mentions, "mentions");
        Checks.notNull(delivery, "delivery");
    }

    /** The defaults: site defaults, WebFinger mentions, {@link DeliverySettings#defaults()}, delivery on. */
    public static Publishing defaults() {
        return new Publishing(Optional.empty(), Optional.empty(), DeliverySettings.defaults(), true);
    }

    /** This configuration with other publish settings. */
    public Publishing withSettings(PublishSettings publishSettings) {
        return new Publishing(Optional.of(publishSettings), mentions, delivery, runDelivery);
    }

    /** This configuration with another mention resolver. */
    public Publishing withMentions(MentionResolver resolver) {
        return new Publishing(settings, Optional.of(resolver), delivery, runDelivery);
    }

    /** This configuration with other delivery limits. */
    public Publishing withDelivery(DeliverySettings deliverySettings) {
        return new Publishing(settings, mentions, deliverySettings, runDelivery);
    }

    /** This configuration with delivery workers on this node, or not. */
    public Publishing withRunDelivery(boolean run) {
        return new Publishing(settings, mentions, delivery, run);
    }
}
