package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.stats.control.RoomStats;
import java.util.List;

/** What the stream tells its listeners; each becomes one {@code data: {"type":…,"data":…}} frame. */
public sealed interface ChatEvent {

    /** Sent first on connect: the newest messages, oldest first. */
    record History(List<ChatMessage> messages) implements ChatEvent {
    }

    /** One new message. */
    record Posted(ChatMessage message) implements ChatEvent {
    }

    /** The room's totals, sent periodically. */
    record Stats(RoomStats stats) implements ChatEvent {
    }
}
