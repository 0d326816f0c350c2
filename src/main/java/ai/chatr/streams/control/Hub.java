package ai.chatr.streams.control;

import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.stats.control.RoomStats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fans committed messages out to every open stream, once each and in id order.
 *
 * <p>Keeps the newest messages in memory (loaded once at start), so that connecting costs no
 * database query: a new listener gets them as its history, a returning one exactly those after
 * its {@code Last-Event-ID}. Ids are dense, so a message that arrives ahead of an earlier one
 * (two posts committing close together) waits here until the gap is filled. A listener is
 * registered in the same step as its replay is queued, so nothing falls between the two.
 */
@ApplicationScoped
public class Hub {

    @Inject
    Transcript transcript;

    @Inject
    Jsonb json;

    @Inject
    Relay relay;

    @Resource
    ManagedExecutorService managedExecutor;

    /** Writes to the streams: the container's managed executor. */
    Executor writer;

    @Inject
    @ConfigProperty(name = "chatr.history.size", defaultValue = "100")
    int historySize;

    @Inject
    @ConfigProperty(name = "chatr.stream.replay-window", defaultValue = "1000")
    int replayWindow;

    @Inject
    @ConfigProperty(name = "chatr.stream.outbox-size", defaultValue = "2000")
    int outboxSize;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** The newest delivered messages with their frames, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Delivered> recent = new ArrayDeque<>();
    /** Messages that arrived before one with a lower id; guarded by {@code this}. */
    private final TreeMap<Long, ChatMessage> early = new TreeMap<>();
    private long lastId;

    private record Delivered(long id, ChatMessage message, Frame frame) {
    }

    @PostConstruct
    void useManagedExecutor() {
        writer = managedExecutor;
    }

    synchronized void load(@Observes Startup startup) {
        recent.clear();
        List<ChatMessage> newest = transcript.newest(replayWindow);
        newest.forEach(this::remember);
        lastId = newest.isEmpty() ? transcript.lastId() : id(newest.get(newest.size() - 1));
    }

    /** Called once the transaction that stored the message has committed on this node. */
    void onPosted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatMessage message) {
        accept(message);
        relay.send(message);
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
            transcript.page(replayWindow, null, known).forEach(this::accept);
        }
    }

    public synchronized void accept(ChatMessage message) {
        long id = id(message);
        if (id <= lastId) {
            return;
        }
        early.put(id, message);
        for (ChatMessage next = early.remove(lastId + 1); next != null; next = early.remove(lastId + 1)) {
            lastId++;
            Frame frame = remember(next);
            for (Subscriber subscriber : subscribers) {
                if (subscriber.lastId < lastId) {
                    subscriber.lastId = lastId;
                    subscriber.offer(frame);
                }
            }
        }
    }

    /**
     * Opens a stream: history (or, with {@code resumeAfter}, the messages after it), then live
     * messages. When {@code resumeAfter} is older than what memory holds, the listener gets a
     * fresh history instead.
     */
    public synchronized void subscribe(SseEventSink sink, Sse sse, Long resumeAfter, Runnable onClose) {
        Subscriber[] self = new Subscriber[1];
        self[0] = new Subscriber(sink, sse, writer, outboxSize, () -> {
            subscribers.remove(self[0]);
            onClose.run();
        });
        Subscriber subscriber = self[0];
        if (resumeAfter != null && resumeAfter >= oldestResumable()) {
            recent.stream().filter(d -> d.id() > resumeAfter).forEach(d -> subscriber.offer(d.frame()));
            subscriber.lastId = Math.max(lastId, resumeAfter);
        } else {
            List<ChatMessage> history = recent.stream()
                    .skip(Math.max(0, recent.size() - historySize))
                    .map(Delivered::message)
                    .toList();
            subscriber.offer(Frame.of(new ChatEvent.History(history), json));
            subscriber.lastId = lastId;
        }
        subscribers.add(subscriber);
    }

    public void broadcast(RoomStats stats) {
        send(Frame.of(new ChatEvent.Stats(stats), json));
    }

    /** A comment line to every stream: keeps proxies from closing idle streams, finds dead ones. */
    public void heartbeat() {
        send(Frame.heartbeat());
    }

    public int listeners() {
        return subscribers.size();
    }

    @PreDestroy
    void closeAll() {
        subscribers.forEach(Subscriber::close);
    }

    private void send(Frame frame) {
        subscribers.forEach(subscriber -> subscriber.offer(frame));
    }

    /** The lowest {@code Last-Event-ID} whose successors are all in memory. */
    private long oldestResumable() {
        return recent.isEmpty() ? lastId : recent.peekFirst().id() - 1;
    }

    private Frame remember(ChatMessage message) {
        Frame frame = Frame.of(new ChatEvent.Posted(message), json);
        recent.addLast(new Delivered(id(message), message, frame));
        while (recent.size() > Math.max(replayWindow, historySize)) {
            recent.removeFirst();
        }
        return frame;
    }

    private static long id(ChatMessage message) {
        return Long.parseLong(message.id());
    }
}
