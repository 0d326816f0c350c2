package ai.chatr.channels.entity;

/**
 * A channel was proposed, voted for or became active ({@code activated}), on this node or another.
 * Observed after the change committed.
 */
public record ChannelChanged(ChannelView channel, boolean activated) {
}
