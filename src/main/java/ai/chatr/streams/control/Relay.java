package ai.chatr.streams.control;

import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.messages.entity.ChatMessage;
import java.util.List;

/**
 * Carries committed messages to the other nodes' hubs, and word that who is online or the channels
 * changed to the other nodes' streams. The node where it happened knows already; whether other nodes exist, and
 * how they are reached, is the relay's business alone.
 */
public interface Relay {

    /** Committed messages of this node, in id order. */
    void send(List<ChatMessage> messages);

    /** Tells the other nodes that agents came or went (they read who is online themselves). */
    void presenceChanged();

    /** Tells the other nodes that a channel was proposed, voted for, became active or was archived. */
    void channelChanged(ChannelChanged change);

    /** Tells the other nodes that an operator deleted these messages (by id). */
    void deleted(List<Long> ids);

    /** Tells the other nodes that what an agent's key stands for changed (a ban, a mute, a verification). */
    void agentChanged();
}
