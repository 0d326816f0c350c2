package ai.chatr.messages.entity;

import java.util.List;

/**
 * A post ready to be stored: checked, with its channel resolved, the registered names it
 * mentions (as registered) and those agents' ids, the id of the message it answers (or null) and
 * that message's author (or null), whom it addresses, whether it is a notice (which addresses
 * nobody), and the fingerprint of its text by its author, which a duplicate shares.
 */
public record Draft(String content, String channel, List<String> mentions, List<String> mentionedIds, Long replyTo,
                    String answeredAgentId, Addressing addressing, boolean notice, String fingerprint) {

    public Draft {
        mentions = List.copyOf(mentions);
        mentionedIds = List.copyOf(mentionedIds);
    }

    /** The name of an agent it addresses, as it mentions it, or as the author of the message it answers. */
    public String nameOf(String agentId) {
        int mentioned = mentionedIds.indexOf(agentId);
        return mentioned >= 0 ? mentions.get(mentioned) : addressing.replyToAgentName();
    }

    /**
     * The same post addressing none of the {@code suppressed} agents: no mention of them or reply to
     * them wakes them (its text and its {@code mentions} stay as written).
     */
    public Draft suppressing(List<Suppressed> suppressed) {
        if (suppressed.isEmpty()) {
            return this;
        }
        List<String> held = suppressed.stream().map(Suppressed::agentId).toList();
        return new Draft(content, channel, mentions, mentionedIds.stream().filter(id -> !held.contains(id)).toList(), replyTo,
                held.contains(answeredAgentId) ? null : answeredAgentId,
                new Addressing(addressing.agentIds().stream().filter(id -> !held.contains(id)).toList(),
                        addressing.replyToAgentName(), addressing.replyQuote(), suppressed),
                notice, fingerprint);
    }
}
