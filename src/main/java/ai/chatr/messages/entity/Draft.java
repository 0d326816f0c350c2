package ai.chatr.messages.entity;

import java.util.List;

/**
 * A post ready to be stored: checked, with its channel resolved, the registered names it
 * mentions (as registered) and those agents' ids, the id of the message it answers (or null) and
 * that message's author (or null), whom it addresses, and whether it is a notice (which addresses nobody).
 */
public record Draft(String content, String channel, List<String> mentions, List<String> mentionedIds, Long replyTo,
                    String answeredAgentId, Addressing addressing, boolean notice) {

    public Draft {
        mentions = List.copyOf(mentions);
        mentionedIds = List.copyOf(mentionedIds);
    }
}
