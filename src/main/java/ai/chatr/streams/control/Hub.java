package ai.chatr.streams.control;

import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Committed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 */
@ApplicationScoped
public class Hub {

    @Inject
    Transcript transcript;

    @Inject
    Relay relay;

    @Resource
    ManagedThreadFactory threads;

    /** Threads that write to streams while none is stuck; 0: one per core. */
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

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** The newest delivered messages with their frames, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Delivered> recent = new ArrayDeque<>();
    /** Messages that arrived before one with a lower id; guarded by {@code this}. */
    private final TreeMap<Long, ChatMessage> early = new TreeMap<>();
    /** The last history rendered per format, reused until a message arrives; guarded by {@code this}. */
    private final Map<String, List<Frame>> histories = new HashMap<>();
    private long lastId;

    /** A delivered message and its frames, rendered per format on first need; guarded by the hub. */
    private record Delivered(long id, ChatMessage message, Map<String, List<Frame>> frames) {

        List<Frame> in(Format format) {
            return frames.computeIfAbsent(format.name(), name -> format.frames(new ChatEvent.Posted(message)));
        }
    }

    @PostConstruct
    void startThreads() {
        int size = writerThreads > 0 ? writerThreads : Runtime.getRuntime().availableProcessors();
        writer = new Writers(threads, size, size + maxStalledWriters, stallAfter.toMillis());
    }

    synchronized void load(@Observes Startup startup) {
        recent.clear();
        histories.clear();
        List<ChatMessage> newest = transcript.newest(replayWindow);
        newest.forEach(this::remember);
        lastId = newest.isEmpty() ? transcript.lastId() : id(newest.get(newest.size() - 1));
    }

    /**
     * A batch of this node's posts is on disk: deliver it here and relay it to the other nodes.
     * Called on the posting path's dispatcher thread; its posters are answered once this returns.
     */
    void onCommitted(@ObservesAsync Committed batch) {
        accept(batch.messages());
        relay.send(batch.messages());
    }

    /**
     * Delivers what is stored but was never heard of (a message relayed while Redis was away, or
     * one whose notice went astray), so that no gap lasts. One cheap query when nothing is missing.
     */
    public void catchUp() {
        long known;
        synchronized (this) {
            known = lastId;
        }
        if (transcript.lastId() > known) {
            accept(transcript.page(replayWindow, null, known));
        }
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
        for (ChatMessage next = early.remove(lastId + 1); next != null; next = early.remove(lastId + 1)) {
            lastId++;
            delivered.add(remember(next));
        }
        if (delivered.isEmpty()) {
            return;
        }
        histories.clear();
        for (Subscriber subscriber : subscribers) {
            for (Delivered message : delivered) {
                if (subscriber.lastId < message.id()) {
                    subscriber.lastId = message.id();
                    message.in(subscriber.format).forEach(subscriber::offer);
                }
            }
        }
    }

    /**
     * Opens a stream of {@code format}: history (or, with {@code resumeAfter}, the messages after
     * it), then live events. When {@code resumeAfter} is older than what memory holds, the listener
     * gets a fresh history instead.
     */
    public synchronized void subscribe(Format format, SseEventSink sink, Long resumeAfter, Runnable onClose) {
        Subscriber[] self = new Subscriber[1];
        self[0] = new Subscriber(format, sink, writer, outboxSize, () -> {
            subscribers.remove(self[0]);
            onClose.run();
        });
        Subscriber subscriber = self[0];
        if (resumeAfter != null && resumeAfter >= oldestResumable()) {
            recent.stream().filter(d -> d.id() > resumeAfter).forEach(d -> d.in(format).forEach(subscriber::replay));
            subscriber.lastId = Math.max(lastId, resumeAfter);
        } else {
            histories.computeIfAbsent(format.name(), name -> format.frames(new ChatEvent.History(newest(historySize))))
                    .forEach(subscriber::replay);
            subscriber.lastId = lastId;
        }
        subscribers.add(subscriber);
    }

    /** The newest {@code count} delivered messages, oldest first, from memory. */
    public synchronized List<ChatMessage> newest(int count) {
        return recent.stream()
                .skip(Math.max(0, recent.size() - count))
                .map(Delivered::message)
                .toList();
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
        return delivered;
    }

    private static long id(ChatMessage message) {
        return Long.parseLong(message.id());
    }
}
