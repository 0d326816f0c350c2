package ai.chatr.streams.control;

import ai.chatr.channels.control.Directory;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Committed;
import ai.chatr.storage.entity.DatabaseReady;
import ai.chatr.messages.entity.MessagesDeleted;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Fans committed messages and room changes out to every open stream, once each and in id order.
 * The posting path only hands each committed batch over, on its dispatcher thread: the hub puts it
 * in order and queues its frames on every stream; the {@link Writers} write them.
 *
 * <p>Each stream belongs to a {@link Format} (the agent API's JSON, the spectator page's HTML).
 * An event is rendered once per format that has listeners, never once per listener.
 *
 * <p>Keeps the newest messages in memory (loaded once at start), with their frames, so that
 * connecting costs no database query: a new listener gets them as its history, a returning one
 * exactly those after its {@code Last-Event-ID}. Ids are dense, so a message that arrives ahead of
 * an earlier one (two posts committing close together) waits here until the gap is filled. A
 * listener is registered in the same step as its replay is queued, so nothing falls between the two.
 *
 * <p>A message an operator deleted leaves memory at once, with its frames, and every stream is told
 * ({@link ChatEvent.Deleted}); its id is a tombstone the hub steps over, so nothing waits for it.
 */
@ApplicationScoped
public class Hub {

    @Inject
    Transcript transcript;

    @Inject
    Relay relay;

    @Inject
    Directory directory;

    @Resource
    ManagedThreadFactory threads;

    /** Threads that write to streams while none is stuck; 0: one per core. */
    /** A deletion on another node, stamped by that node's clock, is looked for this much further back. */
    private static final Duration DELETION_SLACK = Duration.ofSeconds(30);
    /** Deleted messages no longer in memory that streams are still told of, per deletion. */
    private static final int MOST_ANNOUNCED_UNHELD = 100;

    @Inject
    @ConfigProperty(name = "chatr.stream.writers", defaultValue = "0")
    int writerThreads;

    /** Threads that may be stuck on listeners that stopped reading, beyond {@code writerThreads}. */
    @Inject
    @ConfigProperty(name = "chatr.stream.max-stalled-writers", defaultValue = "256")
    int maxStalledWriters;

    @Inject
    @ConfigProperty(name = "chatr.stream.stall-after", defaultValue = "PT0.1S")
    Duration stallAfter;

    @Inject
    @ConfigProperty(name = "chatr.history.size", defaultValue = "100")
    int historySize;

    @Inject
    @ConfigProperty(name = "chatr.stream.replay-window", defaultValue = "1000")
    int replayWindow;

    @Inject
    @ConfigProperty(name = "chatr.stream.outbox-size", defaultValue = "2000")
    int outboxSize;

    /** Writes to the streams; see {@link Writers}. */
    Executor writer;

    @Inject
    MetricRegistry metrics;

    /** Counts what the streams write: {@code chatr_events_delivered_total}, {@code chatr_streams_dropped_total}, {@code chatr_fanout_lag}. */
    Deliveries deliveries = Deliveries.NONE;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    /** The newest delivered messages with their frames, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Delivered> recent = new ArrayDeque<>();
    /** The newest delivered messages of each channel; guarded by {@code this}. */
    private final Map<String, ChannelRecent> byChannel = new HashMap<>();
    /** Messages that arrived before one with a lower id; guarded by {@code this}. */
    private final TreeMap<Long, ChatMessage> early = new TreeMap<>();
    /** Ids above {@code lastId} that are tombstones: stepped over when their turn comes; guarded by {@code this}. */
    private final TreeSet<Long> gone = new TreeSet<>();
    /** Deletions made since then were looked for in the database; guarded by {@code this}. */
    private Instant deletionsCheckedAt = Instant.now();
    /** The last history rendered per format and filter, reused until a message arrives; guarded by {@code this}. */
    private final Map<String, List<Frame>> histories = new HashMap<>();
    private long lastId;

    /** A delivered message and its frames, rendered per format on first need; guarded by the hub. */
    private record Delivered(long id, ChatMessage message, Map<String, List<Frame>> frames) {

        List<Frame> in(Format format) {
            return frames.computeIfAbsent(format.name(), name -> format.frames(new ChatEvent.Posted(message)));
        }
    }

    /**
     * The newest messages of one channel, oldest first. Every message of the channel with an id
     * above {@code floor} is here, so a filtered stream resumes from here after any id from
     * {@code floor} on, however long ago the busier channels pushed it out of {@code recent}.
     */
    private static final class ChannelRecent {
        final ArrayDeque<Delivered> messages = new ArrayDeque<>();
        long floor;
    }

    /** A request waiting for the first messages after {@code after} that {@code filter} lets through; answered once. */
    private static final class Waiter {
        final Filter filter;
        final long after;
        final Consumer<List<ChatMessage>> answer;

        Waiter(Filter filter, long after, Consumer<List<ChatMessage>> answer) {
            this.filter = filter;
            this.after = after;
            this.answer = answer;
        }
    }

    @PostConstruct
    void startThreads() {
        int size = writerThreads > 0 ? writerThreads : Runtime.getRuntime().availableProcessors();
        writer = new Writers(threads, size, size + maxStalledWriters, stallAfter.toMillis());
        Counter delivered = metrics.counter("chatr_events_delivered");
        Counter dropped = metrics.counter("chatr_streams_dropped");
        Timer lag = metrics.timer("chatr_fanout_lag");
        deliveries = new Deliveries() {
            @Override
            public void written(int frames, long oldestMessageBorn) {
                delivered.inc(frames);
                if (oldestMessageBorn != 0) {
                    lag.update(Duration.ofNanos(System.nanoTime() - oldestMessageBorn));
                }
            }

            @Override
            public void dropped() {
                dropped.inc();
            }
        };
        for (String kind : List.of("api", "spectator")) {
            metrics.gauge("chatr_streams_open", () -> subscribers.stream().filter(s -> s.format.name().equals(kind)).count(),
                    new Tag("kind", kind));
        }
        metrics.gauge("chatr_waits_held", waiters::size);
    }

    synchronized void load(@Observes DatabaseReady ready) {
        recent.clear();
        byChannel.clear();
        histories.clear();
        List<ChatMessage> newest = transcript.newest(replayWindow);
        Map<Long, Delivered> known = new HashMap<>();
        for (ChatMessage message : newest) {
            Delivered delivered = new Delivered(id(message), message, new HashMap<>(2));
            recent.addLast(delivered);
            known.put(delivered.id(), delivered);
        }
        for (String channel : directory.readableNames()) {
            List<ChatMessage> ofChannel = transcript.newest(historySize, channel);
            ChannelRecent kept = new ChannelRecent();
            ofChannel.forEach(message -> kept.messages.addLast(known.computeIfAbsent(id(message),
                    id -> new Delivered(id, message, new HashMap<>(2)))));
            kept.floor = ofChannel.size() < historySize ? 0 : id(ofChannel.get(0)) - 1;
            byChannel.put(channel, kept);
        }
        lastId = newest.isEmpty() ? transcript.lastId() : id(newest.get(newest.size() - 1));
        gone.clear();
        deletionsCheckedAt = Instant.now();
    }

    /**
     * A batch of this node's posts is on disk: deliver it here and relay it to the other nodes.
     * Called on the posting path's dispatcher thread; its posters are answered once this returns.
     */
    void onCommitted(@ObservesAsync Committed batch) {
        accept(batch.messages());
        relay.send(batch.messages());
    }

    /** Messages an operator deleted on this node: forget them, tell every stream here and on the other nodes. */
    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesDeleted deleted) {
        forget(deleted.ids(), true);
        relay.deleted(deleted.ids());
    }

    /**
     * Delivers what is stored but was never heard of (a message relayed while Redis was away, or
     * one whose notice went astray), stepping over tombstones, so that no gap lasts; and forgets
     * what was deleted on another node whose word did not come. Two cheap queries when nothing is missing.
     */
    public void catchUp() {
        long known;
        Instant since;
        synchronized (this) {
            known = lastId;
            since = deletionsCheckedAt;
        }
        Instant now = Instant.now();
        List<Long> deleted = transcript.deletedSince(since.minus(DELETION_SLACK));
        if (!deleted.isEmpty()) {
            forget(deleted, false);
        }
        synchronized (this) {
            deletionsCheckedAt = deletionsCheckedAt.isAfter(now) ? deletionsCheckedAt : now;
        }
        if (transcript.lastId() > known) {
            List<Long> tombstones = transcript.tombstonesAfter(known, replayWindow);
            synchronized (this) {
                tombstones.stream().filter(id -> id > lastId).forEach(gone::add);
            }
            accept(transcript.page(replayWindow, null, known, null));
        }
    }

    /**
     * Forgets deleted messages: out of memory with their frames, and never delivered if they have not
     * been yet. Every stream is told of those memory held (what streams were sent comes from here), and
     * with {@code announce} of the others too, up to {@link #MOST_ANNOUNCED_UNHELD}: a ban that deletes
     * thousands of old messages must not flood every stream's outbox and get it dropped.
     */
    public synchronized void forget(List<Long> ids, boolean announce) {
        List<Long> told = new ArrayList<>();
        int unheld = 0;
        for (long id : ids) {
            boolean held = early.remove(id) != null;
            if (id > lastId) {
                gone.add(id);
            }
            held |= recent.removeIf(d -> d.id() == id);
            for (ChannelRecent kept : byChannel.values()) {
                held |= kept.messages.removeIf(d -> d.id() == id);
            }
            if (held || (announce && unheld++ < MOST_ANNOUNCED_UNHELD)) {
                told.add(id);
            }
        }
        unquote(ids);
        if (told.isEmpty()) {
            return;
        }
        histories.clear();
        told.forEach(id -> broadcast(new ChatEvent.Deleted(Long.toString(id))));
        accept(List.of());
    }

    public void accept(ChatMessage message) {
        accept(List.of(message));
    }

    /**
     * Delivers committed messages, in id order, each once: what arrives ahead of a lower id waits
     * for it. Each message is rendered once per format; each stream gets every new frame in one
     * pass over the streams.
     */
    public synchronized void accept(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            long id = id(message);
            if (id > lastId) {
                early.put(id, message);
            }
        }
        List<Delivered> delivered = new ArrayList<>();
        while (true) {
            ChatMessage next = early.remove(lastId + 1);
            if (next != null) {
                lastId++;
                delivered.add(remember(next));
            } else if (gone.remove(lastId + 1)) {
                lastId++;
            } else {
                break;
            }
        }
        gone.headSet(lastId, true).clear();
        if (delivered.isEmpty()) {
            return;
        }
        histories.clear();
        for (Waiter waiter : waiters) {
            List<ChatMessage> wanted = delivered.stream()
                    .filter(d -> d.id() > waiter.after)
                    .map(Delivered::message)
                    .filter(waiter.filter::wants)
                    .toList();
            if (!wanted.isEmpty() && waiters.remove(waiter)) {
                waiter.answer.accept(wanted);
            }
        }
        for (Subscriber subscriber : subscribers) {
            for (Delivered message : delivered) {
                if (subscriber.lastId < message.id()) {
                    subscriber.lastId = message.id();
                    if (subscriber.wants(message.message())) {
                        message.in(subscriber.format).forEach(subscriber::offer);
                    }
                }
            }
        }
    }

    /**
     * Opens a stream of {@code format} for the messages {@code filter} lets through: history (or,
     * with {@code resumeAfter}, the messages after it), then live events. When {@code resumeAfter}
     * is older than what memory holds, the listener gets a fresh history instead.
     */
    public synchronized void subscribe(Format format, Filter filter, SseEventSink sink, Long resumeAfter,
                                       Runnable onClose) {
        Subscriber[] self = new Subscriber[1];
        self[0] = new Subscriber(format, filter, sink, writer, outboxSize, deliveries, () -> {
            subscribers.remove(self[0]);
            onClose.run();
        });
        Subscriber subscriber = self[0];
        List<Delivered> missed = resumeAfter == null ? null : missed(filter, resumeAfter);
        if (missed != null) {
            missed.stream().filter(d -> subscriber.wants(d.message())).forEach(d -> d.in(format).forEach(subscriber::replay));
            subscriber.lastId = Math.max(lastId, resumeAfter);
        } else {
            histories.computeIfAbsent(format.name() + "|" + filter.key(),
                            key -> format.frames(new ChatEvent.History(newest(historySize, filter))))
                    .forEach(subscriber::replay);
            subscriber.lastId = lastId;
        }
        subscribers.add(subscriber);
    }

    /**
     * Waits for the first messages after {@code after} that {@code filter} lets through: those
     * already here are answered at once, else {@code answer} gets the first ones that arrive, on
     * the thread that delivers them (it must hand them on, not work there). Holds no thread.
     * Answers the way to stop waiting; after that, {@code answer} is not called.
     */
    public synchronized Runnable waitFor(Filter filter, long after, Consumer<List<ChatMessage>> answer) {
        List<ChatMessage> arrived = recent.stream()
                .filter(d -> d.id() > after)
                .map(Delivered::message)
                .filter(filter::wants)
                .toList();
        if (!arrived.isEmpty()) {
            answer.accept(arrived);
            return () -> { };
        }
        Waiter waiter = new Waiter(filter, after, answer);
        waiters.add(waiter);
        return () -> waiters.remove(waiter);
    }

    /** Requests waiting for messages. */
    public int waiting() {
        return waiters.size();
    }

    /** The newest {@code count} delivered messages, oldest first, from memory. */
    public synchronized List<ChatMessage> newest(int count) {
        return newest(count, Filter.ALL);
    }

    /**
     * The newest {@code count} delivered messages {@code filter} lets through, oldest first, from
     * memory: for channels, from what is kept of each; else from the newest messages of the room.
     */
    public synchronized List<ChatMessage> newest(int count, Filter filter) {
        List<ChatMessage> source = (filter.byChannelOnly() ? merged(filter.channels()) : List.copyOf(recent)).stream()
                .map(Delivered::message)
                .filter(filter::wants)
                .toList();
        return source.subList(Math.max(0, source.size() - count), source.size());
    }

    /**
     * What a stream of {@code filter} missed after {@code resumeAfter}, in id order (possibly
     * some it does not want, for the caller to leave out); null when memory does not reach back that far.
     */
    private List<Delivered> missed(Filter filter, long resumeAfter) {
        if (filter.byChannelOnly() && filter.channels().stream().allMatch(channel -> resumeAfter >= floor(channel))) {
            return merged(filter.channels()).stream().filter(d -> d.id() > resumeAfter).toList();
        }
        if (resumeAfter >= oldestResumable()) {
            return recent.stream().filter(d -> d.id() > resumeAfter).toList();
        }
        return null;
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

    /**
     * An event that is not a message (stats, presence, totals) to every stream whose format
     * carries it, rendered once per format.
     */
    public synchronized void broadcast(ChatEvent event) {
        if (event instanceof ChatEvent.Posted || event instanceof ChatEvent.History) {
            throw new IllegalArgumentException("Messages reach the hub by accept(), history by subscribe()");
        }
        Map<String, List<Frame>> rendered = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            Format format = subscriber.format;
            rendered.computeIfAbsent(format.name(), name -> format.frames(event)).forEach(subscriber::offer);
        }
    }

    /** A comment line to every stream: keeps proxies from closing idle streams, finds dead ones. */
    public void heartbeat() {
        Frame heartbeat = Frame.heartbeat();
        subscribers.forEach(subscriber -> subscriber.offer(heartbeat));
    }

    public int listeners() {
        return subscribers.size();
    }

    @PreDestroy
    void closeAll() {
        subscribers.forEach(Subscriber::close);
        if (writer instanceof Writers writers) {
            writers.shutdown();
        }
    }

    /** Replies in memory to deleted messages no longer quote them: their frames are rendered again when next needed. */
    private void unquote(List<Long> deleted) {
        Set<String> ids = deleted.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        Map<Long, Delivered> unquoted = new HashMap<>();
        for (Delivered d : recent) {
            Addressing addressing = d.message().addressing();
            if (d.message().replyTo() != null && ids.contains(d.message().replyTo()) && addressing.replyQuote() != null) {
                unquoted.put(d.id(), new Delivered(d.id(), d.message().with(new Addressing(addressing.agentIds(),
                        addressing.replyToAgentName(), null)), new HashMap<>(2)));
            }
        }
        for (ChannelRecent kept : byChannel.values()) {
            for (Delivered d : kept.messages) {
                Addressing addressing = d.message().addressing();
                if (!unquoted.containsKey(d.id()) && d.message().replyTo() != null && ids.contains(d.message().replyTo())
                        && addressing.replyQuote() != null) {
                    unquoted.put(d.id(), new Delivered(d.id(), d.message().with(new Addressing(addressing.agentIds(),
                            addressing.replyToAgentName(), null)), new HashMap<>(2)));
                }
            }
        }
        if (unquoted.isEmpty()) {
            return;
        }
        histories.clear();
        replaceIn(recent, unquoted);
        byChannel.values().forEach(kept -> replaceIn(kept.messages, unquoted));
    }

    private static void replaceIn(ArrayDeque<Delivered> deque, Map<Long, Delivered> replacements) {
        List<Delivered> all = new ArrayList<>(deque);
        deque.clear();
        all.forEach(d -> deque.addLast(replacements.getOrDefault(d.id(), d)));
    }

    /** The lowest {@code Last-Event-ID} whose successors are all in memory. */
    private long oldestResumable() {
        return recent.isEmpty() ? lastId : recent.peekFirst().id() - 1;
    }

    private Delivered remember(ChatMessage message) {
        Delivered delivered = new Delivered(id(message), message, new HashMap<>(2));
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

    private static long id(ChatMessage message) {
        return Long.parseLong(message.id());
    }
}
