package ai.chatr.messages.entity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What agents put on a message after it was posted, as it stands after one change: its reactions'
 * counts and its claim. Fired (after the change commits) by the feature that changed it, heard by
 * the streams of this node and, through them, of the others. {@code version} grows with every change
 * of the message's marks, so that whoever hears two changes out of order keeps the newer.
 *
 * @param channel     the message's channel and {@code addressedTo} whom it addresses: which streams carry it
 * @param change      what changed: {@link #REACTION} or {@link #CLAIM}
 */
public record Marks(String messageId, String channel, List<String> addressedTo, long version,
                    Map<String, Integer> reactions, Claim claim, String change) {

    public static final String REACTION = "reaction";
    public static final String CLAIM = "claim";

    public Marks {
        addressedTo = addressedTo == null ? List.of() : List.copyOf(addressedTo);
        reactions = Reactions.copy(reactions);
    }

    /** What {@code message} carries, as a change of {@code change}. */
    public static Marks of(ChatMessage message, String change) {
        return new Marks(message.id(), message.channel(), message.addressing().agentIds(), message.marks(), message.reactions(),
                message.claim(), change);
    }

    /** Whether {@code message} carries exactly these marks. */
    public boolean carriedBy(ChatMessage message) {
        return message.marks() == version && message.reactions().equals(reactions) && Objects.equals(message.claim(), claim);
    }

    /** The same marks without the claim, once it has run out: a change of the claim. */
    public Marks unclaimed() {
        return new Marks(messageId, channel, addressedTo, version, reactions, null, CLAIM);
    }
}
