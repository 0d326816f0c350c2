package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import java.util.Collection;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Puts the messages that arrive (this node's batches, other nodes' batches, what a catch-up found)
 * in id order, each once. Ids are dense, so a message that arrives ahead of a lower one (two posts
 * committing close together, or a relayed batch overtaking a local one) waits here until the gap
 * is filled; a deleted message's id is a tombstone that is stepped over, so nothing waits for it.
 * Not thread-safe: guarded by the hub's lock.
 */
final class Arrivals {

    /** Messages that arrived before one with a lower id. */
    private final TreeMap<Long, ChatMessage> early = new TreeMap<>();
    /** Ids above {@code lastId} that are tombstones: stepped over when their turn comes. */
    private final TreeSet<Long> gone = new TreeSet<>();
    /** The last id released (or stepped over). */
    private long lastId;

    long lastId() {
        return lastId;
    }

    /** Starts again after {@code lastId}, the newest stored message, forgetting the tombstones. */
    void restart(long lastId) {
        this.lastId = lastId;
        gone.clear();
    }

    /** Takes messages in, in any order; those already released are dropped. Take them out with {@link #next()}. */
    void add(Collection<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            long id = Long.parseLong(message.id());
            if (id > lastId) {
                early.put(id, message);
            }
        }
    }

    /** The message that comes next in id order, stepping over tombstones; null until it has arrived. */
    ChatMessage next() {
        while (true) {
            ChatMessage next = early.remove(lastId + 1);
            if (next != null) {
                lastId++;
                return next;
            }
            if (!gone.remove(lastId + 1)) {
                gone.headSet(lastId, true).clear();
                return null;
            }
            lastId++;
        }
    }

    /** A deleted message is never released; answers whether it was waiting here. */
    boolean tombstone(long id) {
        boolean held = early.remove(id) != null;
        if (id > lastId) {
            gone.add(id);
        }
        return held;
    }

    /** Tombstones the database holds: those not passed yet are stepped over when their turn comes. */
    void stepOver(Collection<Long> tombstones) {
        tombstones.stream().filter(id -> id > lastId).forEach(gone::add);
    }
}
