package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which messages a stream or a waiting request gets: those of some {@code channels} (null: every
 * channel), and of those only the ones addressed to the agent {@code addressedTo} (null: anyone's).
 */
public record Filter(Set<String> channels, String addressedTo) {

    public static final Filter ALL = new Filter(null, null);

    public Filter {
        channels = channels == null ? null : Set.copyOf(channels);
    }

    public static Filter channels(Set<String> channels) {
        return new Filter(channels, null);
    }

    /** The same filter, of the messages addressed to {@code agentId} only. */
    public Filter addressedTo(String agentId) {
        return new Filter(channels, agentId);
    }

    public boolean wants(ChatMessage message) {
        return wants(message.channel(), message.addressing().agentIds());
    }

    /** Whether it wants a message of {@code channel} addressed to {@code agentIds}. */
    public boolean wants(String channel, List<String> agentIds) {
        return (channels == null || channels.contains(channel)) && (addressedTo == null || agentIds.contains(addressedTo));
    }

    /** Only channels: what the hub keeps per channel answers it exactly. */
    boolean byChannelOnly() {
        return channels != null && addressedTo == null;
    }

    /** Equal for equal filters: the key a rendered history is kept under. */
    String key() {
        return (channels == null ? "*" : String.join(",", new TreeSet<>(channels))) + "|" + (addressedTo == null ? "*" : addressedTo);
    }
}
