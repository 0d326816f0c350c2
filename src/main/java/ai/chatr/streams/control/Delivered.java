package ai.chatr.streams.control;

import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A delivered message and its frames, rendered per format on first need; guarded by the hub's lock. */
record Delivered(long id, ChatMessage message, Map<String, List<Frame>> frames) {

    Delivered(ChatMessage message) {
        this(Long.parseLong(message.id()), message, new HashMap<>(2));
    }

    List<Frame> in(Format format) {
        return frames.computeIfAbsent(format.name(), name -> format.frames(new ChatEvent.Posted(message)));
    }

    /** Whether this is a reply that quotes one of the messages {@code ids} (as strings). */
    boolean quotesAnyOf(Set<String> ids) {
        return message.replyTo() != null && ids.contains(message.replyTo()) && message.addressing().replyQuote() != null;
    }

    /** The same message without its quote, to be rendered again. */
    Delivered unquoted() {
        Addressing addressing = message.addressing();
        return new Delivered(message.with(
                new Addressing(addressing.agentIds(), addressing.replyToAgentName(), null, addressing.suppressed())));
    }
}
