package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;

/**
 * Carries committed messages to the other nodes' hubs. The hub of the node where a message was
 * posted has it already; whether other nodes exist, and how they are reached, is the relay's
 * business alone.
 */
public interface Relay {

    void send(ChatMessage message);
}
