package ai.chatr.streams.control;

import ai.chatr.channels.control.Directory;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database says that this node's hub did not hear: the messages to start from, the
 * messages stored but never relayed here (Redis away, a notice gone astray), and the messages deleted
 * on another node whose word did not come. Two cheap queries when nothing is missing. Knows nothing
 * of streams; the hub applies what it answers.
 */
@ApplicationScoped
public class Reconciliation {

    /** A deletion on another node, stamped by that node's clock, is looked for this much further back. */
    static final Duration DELETION_SLACK = Duration.ofSeconds(30);

    @Inject
    Transcript transcript;

    @Inject
    Directory directory;

    /** Deletions made since then were looked for in the database; guarded by {@code this}. */
    private Instant deletionsCheckedAt = Instant.now();

    /** What the room holds at start: its newest messages, each channel's, and the last id stored. */
    record Start(List<ChatMessage> newest, Map<String, List<ChatMessage>> newestByChannel, long lastId) {
    }

    /** Messages stored after the last one the hub heard of, and the tombstones among their ids. */
    record Missed(List<Long> tombstones, List<ChatMessage> messages) {
    }

    /** Reads what the hub starts from; deletions are looked for from now on. */
    Start start(int replayWindow, int historySize) {
        List<ChatMessage> newest = transcript.newest(replayWindow);
        Map<String, List<ChatMessage>> byChannel = new LinkedHashMap<>();
        for (String channel : directory.readableNames()) {
            byChannel.put(channel, transcript.newest(historySize, channel));
        }
        long lastId = newest.isEmpty() ? transcript.lastId() : Long.parseLong(newest.get(newest.size() - 1).id());
        synchronized (this) {
            deletionsCheckedAt = Instant.now();
        }
        return new Start(newest, byChannel, lastId);
    }

    /** The messages deleted since the last look (with {@link #DELETION_SLACK} for other nodes' clocks), in id order. */
    List<Long> deletedSinceLastLook() {
        Instant since;
        synchronized (this) {
            since = deletionsCheckedAt;
        }
        Instant now = Instant.now();
        List<Long> deleted = transcript.deletedSince(since.minus(DELETION_SLACK));
        synchronized (this) {
            deletionsCheckedAt = deletionsCheckedAt.isAfter(now) ? deletionsCheckedAt : now;
        }
        return deleted;
    }

    /** The first {@code limit} messages stored after {@code known}, with the tombstones among them; null when there are none. */
    Missed after(long known, int limit) {
        if (transcript.lastId() <= known) {
            return null;
        }
        List<Long> tombstones = transcript.tombstonesAfter(known, limit);
        return new Missed(tombstones, transcript.page(limit, null, known, null));
    }
}
