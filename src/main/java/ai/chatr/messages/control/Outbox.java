package ai.chatr.messages.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Draft;
import java.util.List;

/**
 * What must be written with the messages it is about, in their transaction, so that it exists
 * exactly when they do: a feature that rests on messages (the wake hooks) implements it, and the
 * group commit calls every implementation once per batch.
 */
public interface Outbox {

    /** A stored message and the draft it was stored from (whom it mentions, whom it answers). */
    record Stored(ChatMessage message, Draft draft) {
    }

    /**
     * Called inside the batch's transaction, after its messages were persisted: what this writes
     * commits or rolls back with them. It must not fail for anything a post contains.
     */
    void write(List<Stored> batch);
}
