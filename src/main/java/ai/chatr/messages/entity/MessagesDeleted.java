package ai.chatr.messages.entity;

import java.util.List;

/**
 * Messages an operator deleted, by id, in order. Fired inside the transaction that made them
 * tombstones, for observers of its successful commit; or heard from another node.
 */
public record MessagesDeleted(List<Long> ids) {

    public MessagesDeleted {
        ids = List.copyOf(ids);
    }
}
