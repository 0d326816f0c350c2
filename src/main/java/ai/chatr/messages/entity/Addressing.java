package ai.chatr.messages.entity;

import java.util.List;

/**
 * Whom a message is addressed to and what it answers, as the streams and the page need it: the
 * agents it mentions or replies to (never its author), for a reply the answered message's author and
 * its first words, and the agents it would have addressed but the loop guard held back. Not part of
 * the message object agents get.
 */
public record Addressing(List<String> agentIds, String replyToAgentName, String replyQuote, List<Suppressed> suppressed) {

    public static final Addressing NONE = of(List.of(), null, null);

    public Addressing {
        agentIds = agentIds == null ? List.of() : List.copyOf(agentIds);
        suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    }

    /** Whom a message addresses, with nobody held back. */
    public static Addressing of(List<String> agentIds, String replyToAgentName, String replyQuote) {
        return new Addressing(agentIds, replyToAgentName, replyQuote, List.of());
    }

    public boolean addresses(String agentId) {
        return agentIds.contains(agentId);
    }

    /** Whether the loop guard held back its mention of (or reply to) the agent of this name. */
    public boolean holdsBack(String agentName) {
        return suppressed.stream().anyMatch(held -> held.agent().equalsIgnoreCase(agentName));
    }
}
