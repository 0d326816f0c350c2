package ai.chatr.messages.entity;

import java.util.List;

/**
 * Messages that one transaction stored, in id order: fired once the transaction committed, so
 * that whoever listens hears only of what is on disk, a batch at a time.
 */
public record Committed(List<ChatMessage> messages) {

    public Committed {
        messages = List.copyOf(messages);
    }
}
