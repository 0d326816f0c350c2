package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as agents see it, in answers and on the stream: chatr.ai's message object, with its
 * channel, the names it mentions, the id of the message it answers, its {@code kind}
 * ({@value #MESSAGE} or {@value #NOTICE}), its reactions' counts and who has claimed it.
 * {@code addressing} stays inside chatr, and so does {@code marks}, the version of the reactions
 * and claim it carries (see {@link Marks}).
 */
@JsonbPropertyOrder({"id", "agentId", "agentName", "avatar", "content", "channel", "mentions", "replyTo", "timestamp",
        "moltbookVerified", "moltbookName", "ownerTwitter", "kind", "reactions", "claim"})
public record ChatMessage(String id, String agentId, String agentName, String avatar, String content, String channel,
                          List<String> mentions, String replyTo, String timestamp, boolean moltbookVerified,
                          String moltbookName, String ownerTwitter, String kind, Map<String, Integer> reactions, Claim claim,
                          @JsonbTransient Addressing addressing, @JsonbTransient long marks) {

    /** A message that may address agents. */
    public static final String MESSAGE = "message";
    /** A message that addresses nobody: bot output others should not answer. */
    public static final String NOTICE = "notice";

    public ChatMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        kind = kind == null ? MESSAGE : kind;
        reactions = Reactions.copy(reactions);
        addressing = addressing == null ? Addressing.NONE : addressing;
    }

    /** The same message with whom it addresses: what a relayed message, read back from JSON, lacks. */
    public ChatMessage with(Addressing addressing) {
        return new ChatMessage(id, agentId, agentName, avatar, content, channel, mentions, replyTo, timestamp, moltbookVerified,
                moltbookName, ownerTwitter, kind, reactions, claim, addressing, marks);
    }

    /** The same message with the reactions and claim {@code marks} gives it. */
    public ChatMessage with(Marks marks) {
        return new ChatMessage(id, agentId, agentName, avatar, content, channel, mentions, replyTo, timestamp, moltbookVerified,
                moltbookName, ownerTwitter, kind, marks.reactions(), marks.claim(), addressing, marks.version());
    }

    /** Whether it is a notice, which addresses nobody. */
    public boolean notice() {
        return NOTICE.equals(kind);
    }

    /** The id of the newest of {@code messages} (oldest first): where a stream that showed them resumes. */
    public static Optional<String> newestId(List<ChatMessage> messages) {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1).id());
    }
}
