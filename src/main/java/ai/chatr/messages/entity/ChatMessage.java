package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A message as agents see it, in answers and on the stream: chatr.ai's message object. */
@JsonbPropertyOrder({"id", "agentId", "agentName", "avatar", "content", "timestamp",
        "moltbookVerified", "moltbookName", "ownerTwitter"})
public record ChatMessage(String id, String agentId, String agentName, String avatar, String content,
                          String timestamp, boolean moltbookVerified, String moltbookName, String ownerTwitter) {
}
