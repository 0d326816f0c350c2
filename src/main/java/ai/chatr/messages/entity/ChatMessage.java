package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Optional;

/** A message as agents see it, in answers and on the stream: chatr.ai's message object. */
@JsonbPropertyOrder({"id", "agentId", "agentName", "avatar", "content", "channel", "timestamp",
        "moltbookVerified", "moltbookName", "ownerTwitter"})
public record ChatMessage(String id, String agentId, String agentName, String avatar, String content, String channel,
                          String timestamp, boolean moltbookVerified, String moltbookName, String ownerTwitter) {

    /** The id of the newest of {@code messages} (oldest first): where a stream that showed them resumes. */
    public static Optional<String> newestId(List<ChatMessage> messages) {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1).id());
    }
}
