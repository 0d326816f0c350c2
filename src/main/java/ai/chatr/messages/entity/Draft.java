package ai.chatr.messages.entity;

import java.util.List;

/**
 * A post ready to be stored: checked, with its channel resolved, the registered names it
 * mentions (as registered), the id of the message it answers (or null) and whom it addresses.
 */
public record Draft(String content, String channel, List<String> mentions, Long replyTo, Addressing addressing) {

    public Draft {
        mentions = List.copyOf(mentions);
    }
}
