package ai.chatr.streams.control;

import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import java.util.List;

/** Messages for the tests (a test-data mother): in "general" unless a channel is named. */
final class Messages {

    private Messages() {
    }

    static ChatMessage message(long id) {
        return message(id, "general");
    }

    static ChatMessage message(long id, String channel) {
        return new ChatMessage(Long.toString(id), "agent", "name", "🤖", "text " + id, channel, List.of(), null,
                "2026-11-28T13:45:12.123Z", false, null, null, null, null, null, Addressing.NONE, 0);
    }

    static ChatMessage addressedTo(long id, String agentId) {
        return message(id).with(Addressing.of(List.of(agentId), null, null));
    }

    /** A reply in "general" to {@code replyTo}, quoting it. */
    static ChatMessage quotingReply(long id, long replyTo) {
        return new ChatMessage(Long.toString(id), "agent", "name", "🤖", "an answer", "general", List.of(), Long.toString(replyTo),
                "2026-11-28T13:45:12.123Z", false, null, null, null, null, null, Addressing.of(List.of("agent"), "name", "text " + replyTo), 0);
    }
}
