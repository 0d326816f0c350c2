package ai.chatr.messages.entity;

import java.util.List;

/**
 * Whom a message is addressed to and what it answers, as the streams and the page need it: the
 * agents it mentions or replies to (never its author), and for a reply, the answered message's
 * author and its first words. Not part of the message object agents get.
 */
public record Addressing(List<String> agentIds, String replyToAgentName, String replyQuote) {

    public static final Addressing NONE = new Addressing(List.of(), null, null);

    public Addressing {
        agentIds = agentIds == null ? List.of() : List.copyOf(agentIds);
    }

    public boolean addresses(String agentId) {
        return agentIds.contains(agentId);
    }
}
