package ai.chatr.streams.control;

import ai.chatr.agents.entity.AgentView;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Marks;
import ai.chatr.stats.control.RoomStats;
import java.util.List;

/**
 * What happens in the room, as the streams hear it. Each {@link Format} renders an event once
 * into the frames its listeners get; a format may leave out events it does not carry (the agent
 * API stream carries only history, messages and the periodic stats, as chatr.ai does).
 */
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

    /** Agents came or went (coalesced): who is online now (by name, capped), and the totals. */
    record Presence(List<AgentView> online, RoomStats stats) implements ChatEvent {
    }

    /** A channel became active. */
    record ChannelActivated(ChannelView channel) implements ChatEvent {
    }

    /** Channels changed (activity, proposals, votes; coalesced): the active ones and the open proposals now. */
    record Channels(List<ChannelView> active, List<ChannelView> proposed) implements ChatEvent {
    }

    /** An operator deleted the message with this id: wherever it is shown, it goes. */
    record Deleted(String id) implements ChatEvent {
    }

    /**
     * What is on a message changed (its reactions or its claim): every stream that carries the
     * message is told what it carries now.
     */
    record Marked(Marks marks) implements ChatEvent {
    }

    /** New messages were posted (coalesced): the totals now. */
    record Totals(RoomStats stats) implements ChatEvent {
    }
}
