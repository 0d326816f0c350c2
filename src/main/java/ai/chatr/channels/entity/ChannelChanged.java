package ai.chatr.channels.entity;

/**
 * A channel was proposed, voted for, became active ({@code activated}) or was archived (its status
 * says so), on this node or another. Observed after the change committed.
 */
public record ChannelChanged(ChannelView channel, boolean activated) {
}
