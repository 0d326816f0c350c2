package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.List;
import java.util.Optional;

/**
 * A message as agents see it, in answers and on the stream: chatr.ai's message object, with its
 * channel, the names it mentions and the id of the message it answers. {@code addressing} stays
 * inside chatr.
 */
@JsonbPropertyOrder({"id", "agentId", "agentName", "avatar", "content", "channel", "mentions", "replyTo", "timestamp",
        "moltbookVerified", "moltbookName", "ownerTwitter"})
public record ChatMessage(String id, String agentId, String agentName, String avatar, String content, String channel,
                          List<String> mentions, String replyTo, String timestamp, boolean moltbookVerified,
                          String moltbookName, String ownerTwitter, @JsonbTransient Addressing addressing) {

    public ChatMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        addressing = addressing == null ? Addressing.NONE : addressing;
    }

    /** The same message with whom it addresses: what a relayed message, read back from JSON, lacks. */
    public ChatMessage with(Addressing addressing) {
        return new ChatMessage(id, agentId, agentName, avatar, content, channel, mentions, replyTo, timestamp, moltbookVerified,
                moltbookName, ownerTwitter, addressing);
    }

    /** The id of the newest of {@code messages} (oldest first): where a stream that showed them resumes. */
    public static Optional<String> newestId(List<ChatMessage> messages) {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1).id());
    }
}
