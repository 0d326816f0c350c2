package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Marks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The replay window: the newest delivered messages with their frames, kept in memory (loaded once
 * at start) so that connecting costs no database query. A new listener gets the newest as its
 * history (rendered once per format and filter until the next message), a returning one exactly
 * those after its {@code Last-Event-ID}, from frames already rendered. Besides the room's newest
 * {@code replayWindow} messages, the newest {@code historySize} of each channel are kept, so that a
 * stream of quiet channels resumes however long ago busier ones pushed them out of the room's window.
 * Not thread-safe: guarded by the hub's lock.
 */
final class Recent {

    private final int replayWindow;
    private final int historySize;
    /** The newest delivered messages of the room, oldest first. */
    private final ArrayDeque<Delivered> recent = new ArrayDeque<>();
    /** The newest delivered messages of each channel. */
    private final Map<String, ChannelRecent> byChannel = new HashMap<>();
    /** The last history rendered per format and filter, reused until a message arrives or leaves. */
    private final Map<String, List<Frame>> histories = new HashMap<>();

    /**
     * The newest messages of one channel, oldest first. Every message of the channel with an id
     * above {@code floor} is here, so a filtered stream resumes from here after any id from
     * {@code floor} on, however long ago the busier channels pushed it out of {@code recent}.
     */
    private static final class ChannelRecent {
        final ArrayDeque<Delivered> messages = new ArrayDeque<>();
        long floor;
    }

    Recent(int replayWindow, int historySize) {
        this.replayWindow = replayWindow;
        this.historySize = historySize;
    }

    int replayWindow() {
        return replayWindow;
    }

    int historySize() {
        return historySize;
    }

    /** Starts again from what the database holds: the room's newest messages, and each channel's. */
    void load(List<ChatMessage> newest, Map<String, List<ChatMessage>> newestByChannel) {
        recent.clear();
        byChannel.clear();
        histories.clear();
        Map<Long, Delivered> known = new HashMap<>();
        for (ChatMessage message : newest) {
            Delivered delivered = new Delivered(message);
            recent.addLast(delivered);
            known.put(delivered.id(), delivered);
        }
        newestByChannel.forEach((channel, ofChannel) -> {
            ChannelRecent kept = new ChannelRecent();
            ofChannel.forEach(message -> kept.messages.addLast(known.computeIfAbsent(Long.parseLong(message.id()),
                    id -> new Delivered(message))));
            kept.floor = ofChannel.size() < historySize ? 0 : Long.parseLong(ofChannel.get(0).id()) - 1;
            byChannel.put(channel, kept);
        });
    }

    /** Keeps a message just delivered, in the room's window and its channel's; the oldest leave. */
    Delivered remember(ChatMessage message) {
        histories.clear();
        Delivered delivered = new Delivered(message);
        recent.addLast(delivered);
        while (recent.size() > Math.max(replayWindow, historySize)) {
            recent.removeFirst();
        }
        ChannelRecent kept = byChannel.computeIfAbsent(message.channel(), channel -> new ChannelRecent());
        kept.messages.addLast(delivered);
        while (kept.messages.size() > historySize) {
            kept.floor = kept.messages.removeFirst().id();
        }
        return delivered;
    }

    /**
     * What a stream of {@code filter} missed after {@code resumeAfter}, in id order (possibly some it
     * does not want, for the caller to leave out); null when memory does not reach back that far.
     */
    List<Delivered> missed(Filter filter, long resumeAfter, long lastId) {
        if (filter.byChannelOnly() && filter.channels().stream().allMatch(channel -> resumeAfter >= floor(channel))) {
            return merged(filter.channels()).stream().filter(d -> d.id() > resumeAfter).toList();
        }
        if (resumeAfter >= oldestResumable(lastId)) {
            return recent.stream().filter(d -> d.id() > resumeAfter).toList();
        }
        return null;
    }

    /** The history a new stream of {@code format} and {@code filter} is sent, rendered once until the window changes. */
    List<Frame> history(Format format, Filter filter) {
        return histories.computeIfAbsent(format.name() + "|" + filter.key(),
                key -> format.frames(new ChatEvent.History(newest(historySize, filter))));
    }

    /**
     * The newest {@code count} messages {@code filter} lets through, oldest first: for channels,
     * from what is kept of each; else from the newest messages of the room.
     */
    List<ChatMessage> newest(int count, Filter filter) {
        List<ChatMessage> source = (filter.byChannelOnly() ? merged(filter.channels()) : List.copyOf(recent)).stream()
                .map(Delivered::message)
                .filter(filter::wants)
                .toList();
        return source.subList(Math.max(0, source.size() - count), source.size());
    }

    /** The messages in the room's window after {@code after} that {@code filter} lets through, oldest first. */
    List<ChatMessage> after(long after, Filter filter) {
        return recent.stream()
                .filter(d -> d.id() > after)
                .map(Delivered::message)
                .filter(filter::wants)
                .toList();
    }

    /** A deleted message leaves memory with its frames; answers whether it was here. */
    boolean forget(long id) {
        boolean held = recent.removeIf(d -> d.id() == id);
        for (ChannelRecent kept : byChannel.values()) {
            held |= kept.messages.removeIf(d -> d.id() == id);
        }
        if (held) {
            histories.clear();
        }
        return held;
    }

    /**
     * What is on a message changed: memory keeps the message with its new marks (its frames are
     * rendered again when next needed), unless it holds a newer version already. Answers whether the
     * change is news: false for an older version than memory holds, or exactly what it holds. (A
     * claim that ran out is the same version without the claim.)
     */
    boolean mark(long id, Marks marks) {
        Delivered held = find(id);
        if (held == null) {
            return true;
        }
        if (held.message().marks() > marks.version() || marks.carriedBy(held.message())) {
            return false;
        }
        histories.clear();
        Map<Long, Delivered> marked = Map.of(id, new Delivered(held.message().with(marks)));
        replaceIn(recent, marked);
        ChannelRecent kept = byChannel.get(held.message().channel());
        if (kept != null) {
            replaceIn(kept.messages, marked);
        }
        return true;
    }

    /** The message with this id, if memory holds it. */
    ChatMessage message(long id) {
        Delivered held = find(id);
        return held == null ? null : held.message();
    }

    private Delivered find(long id) {
        for (Delivered d : recent) {
            if (d.id() == id) {
                return d;
            }
        }
        for (ChannelRecent kept : byChannel.values()) {
            for (Delivered d : kept.messages) {
                if (d.id() == id) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Replies in memory to deleted messages no longer quote them: their frames are rendered again when next needed. */
    void unquote(List<Long> deleted) {
        Set<String> ids = deleted.stream().map(String::valueOf).collect(Collectors.toSet());
        List<ArrayDeque<Delivered>> kept = new ArrayList<>(byChannel.size() + 1);
        kept.add(recent);
        byChannel.values().forEach(channel -> kept.add(channel.messages));
        Map<Long, Delivered> unquoted = new HashMap<>();
        for (ArrayDeque<Delivered> messages : kept) {
            for (Delivered d : messages) {
                if (d.quotesAnyOf(ids)) {
                    unquoted.computeIfAbsent(d.id(), id -> d.unquoted());
                }
            }
        }
        if (unquoted.isEmpty()) {
            return;
        }
        histories.clear();
        kept.forEach(messages -> replaceIn(messages, unquoted));
    }

    private static void replaceIn(ArrayDeque<Delivered> deque, Map<Long, Delivered> replacements) {
        List<Delivered> all = new ArrayList<>(deque);
        deque.clear();
        all.forEach(d -> deque.addLast(replacements.getOrDefault(d.id(), d)));
    }

    /** The kept messages of {@code channels}, in id order. */
    private List<Delivered> merged(Set<String> channels) {
        List<Delivered> merged = new ArrayList<>();
        channels.stream().map(byChannel::get).filter(Objects::nonNull).forEach(kept -> merged.addAll(kept.messages));
        merged.sort(Comparator.comparingLong(Delivered::id));
        return merged;
    }

    /** A channel with nothing kept has had no message since this node started: all of it is here. */
    private long floor(String channel) {
        ChannelRecent kept = byChannel.get(channel);
        return kept == null ? 0 : kept.floor;
    }

    /** The lowest {@code Last-Event-ID} whose successors are all in memory. */
    private long oldestResumable(long lastId) {
        return recent.isEmpty() ? lastId : recent.peekFirst().id() - 1;
    }
}
