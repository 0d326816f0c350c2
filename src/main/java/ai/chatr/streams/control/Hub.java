package ai.chatr.streams.control;

import ai.chatr.agents.entity.AgentErased;
import ai.chatr.cluster.control.Relay;
import ai.chatr.cluster.entity.Notice;
import ai.chatr.cluster.entity.Rejoined;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Committed;
import ai.chatr.messages.entity.Marks;
import ai.chatr.http.Deadlines;
import ai.chatr.messages.entity.MessagesDeleted;
import ai.chatr.storage.entity.DatabaseReady;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fans committed messages and room changes out to every open stream of this node, once each and
 * in id order. The posting path only hands each committed batch over, on its dispatcher thread; the
 * other nodes' batches come through the relay. The hub coordinates, under its one lock:
 * {@link Arrivals} puts what arrives in id order, {@link Recent} keeps the replay window,
 * {@link Fanout} hands frames to the streams and waiting requests (which the {@link Writers} write),
 * {@link Reconciliation} finds in the database what never arrived.
 *
 * <p>Each stream belongs to a {@link Format} (the agent API's JSON, the spectator page's HTML).
 * An event is rendered once per format that has listeners, never once per listener. A listener is
 * registered in the same step as its replay is queued, so nothing falls between the two.
 *
 * <p>What agents put on a message later (reactions, a claim: {@link Marks}) replaces the message in
 * memory, so that history and resumed streams carry it as it stands, and goes to every stream that
 * carries the message as one event; a claim that runs out does the same.
 *
 * <p>A message an operator deleted leaves memory at once, with its frames, and every stream is told
 * ({@link ChatEvent.Deleted}); its id is a tombstone the hub steps over, so nothing waits for it.
 */
@ApplicationScoped
public class Hub {

    /** Deleted messages no longer in memory that streams are still told of, per deletion. */
    private static final int MOST_ANNOUNCED_UNHELD = 100;

    @Inject
    Relay relay;

    @Inject
    Jsonb json;

    @Inject
    Reconciliation database;

    @Inject
    StreamWriters writers;

    @Inject
    @ConfigProperty(name = "chatr.history.size", defaultValue = "100")
    int historySize;

    @Inject
    @ConfigProperty(name = "chatr.stream.replay-window", defaultValue = "1000")
    int replayWindow;

    /** Marks for messages not delivered here yet, at most this many. */
    private static final int MOST_EARLY_MARKS = 1000;

    @Inject
    Deadlines deadlines;

    /** All guarded by {@code this}. */
    final Arrivals arrivals = new Arrivals();
    Recent recent;
    Fanout fanout;
    /** Marks given to messages not delivered here yet, by id. */
    private final Map<Long, Marks> early = new HashMap<>();
    ClaimEnds claims;

    /** How many of each channel's newest messages a new stream is shown first ({@code chatr.history.size}). */
    public int historySize() {
        return historySize;
    }

    @PostConstruct
    void start() {
        recent = new Recent(replayWindow, historySize);
        fanout = writers.fanout();
        claims = new ClaimEnds(deadlines::after, this::claimEnded);
    }

    synchronized void load(@Observes DatabaseReady ready) {
        Reconciliation.Start start = database.start(recent.replayWindow(), recent.historySize());
        recent.load(start.newest(), start.newestByChannel());
        arrivals.restart(start.lastId());
        early.clear();
        claims.restart(start.newest(), start.newestByChannel());
    }

    /**
     * A batch of this node's posts is on disk: deliver it here and relay it to the other nodes.
     * Called on the posting path's dispatcher thread; its posters are answered once this returns.
     */
    void onCommitted(@ObservesAsync Committed batch) {
        accept(batch.messages());
        if (relay.shared()) {
            relay.publish(Relayed.notice(json, batch.messages()));
        }
    }

    /** Another node's batch: in order with this node's, each message once. */
    void onRelayed(@Observes Notice.MessagesCommitted batch) {
        accept(Relayed.messages(json, batch));
    }

    /** Messages an operator deleted on this node: forget them, tell every stream here and on the other nodes. */
    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesDeleted deleted) {
        forget(deleted.ids(), true);
        relay.publish(new Notice.MessagesDeleted(deleted.ids()));
    }

    /** Messages an operator deleted on another node. */
    void onDeletedElsewhere(@Observes Notice.MessagesDeleted deleted) {
        forget(deleted.ids(), true);
    }

    /** An agent was erased on this node: its {@code for=me} streams end here and on the other nodes. */
    void onErased(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentErased erased) {
        fanout.closeFor(erased.agentId());
        relay.publish(new Notice.AgentErased(erased.agentId()));
    }

    /** An agent was erased on another node. */
    void onErasedElsewhere(@Observes Notice.AgentErased erased) {
        fanout.closeFor(erased.agentId());
    }

    /** What is on a message changed on this node: tell the streams here, and the other nodes. */
    void onMarked(@Observes(during = TransactionPhase.AFTER_SUCCESS) Marks marks) {
        mark(marks);
        if (relay.shared()) {
            relay.publish(new Notice.MessageMarked(json.toJson(marks)));
        }
    }

    /** What is on a message changed on another node. */
    void onMarkedElsewhere(@Observes Notice.MessageMarked marked) {
        mark(json.fromJson(marked.marks(), Marks.class));
    }

    /**
     * What is on a message changed: memory keeps it, and every stream that carries the message is
     * told, unless it is older than what memory holds. A message not delivered here yet gets it as it
     * arrives, in its own frame. A claim is followed until it runs out, when streams are told it is gone.
     */
    public synchronized void mark(Marks marks) {
        long id = Long.parseLong(marks.messageId());
        if (id > arrivals.lastId()) {
            if (early.size() < MOST_EARLY_MARKS) {
                early.merge(id, marks, (held, given) -> given.version() > held.version() ? given : held);
            }
            return;
        }
        if (recent.mark(id, marks)) {
            fanout.marked(marks);
            claims.follow(marks);
        }
    }

    /** A claim ran out: streams are told, unless it changed meanwhile. */
    synchronized void claimEnded(Marks marks) {
        Marks ended = marks.unclaimed();
        if (recent.mark(Long.parseLong(marks.messageId()), ended)) {
            fanout.marked(ended);
        }
    }

    /** The relay hears the other nodes again: what they relayed meanwhile is in the database. */
    void onRejoined(@Observes Rejoined rejoined) {
        catchUp();
    }

    /**
     * Delivers what is stored but was never heard of (a message relayed while Redis was away, or
     * one whose notice went astray), stepping over tombstones, so that no gap lasts; and forgets
     * what was deleted on another node whose word did not come.
     */
    public void catchUp() {
        long known;
        synchronized (this) {
            known = arrivals.lastId();
        }
        List<Long> deleted = database.deletedSinceLastLook();
        if (!deleted.isEmpty()) {
            forget(deleted, false);
        }
        Reconciliation.Missed missed = database.after(known, recent.replayWindow());
        if (missed != null) {
            synchronized (this) {
                arrivals.stepOver(missed.tombstones());
            }
            accept(missed.messages());
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
            boolean held = arrivals.tombstone(id);
            held |= recent.forget(id);
            if (held || (announce && unheld++ < MOST_ANNOUNCED_UNHELD)) {
                told.add(id);
            }
        }
        recent.unquote(ids);
        if (told.isEmpty()) {
            return;
        }
        told.forEach(id -> fanout.broadcast(new ChatEvent.Deleted(Long.toString(id))));
        deliver();
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
        arrivals.add(messages);
        deliver();
    }

    /** A message with the marks it was given before it was delivered here, when they are newer than its own. */
    private ChatMessage markedEarly(ChatMessage message) {
        Marks marks = early.remove(Long.parseLong(message.id()));
        return marks == null || marks.version() <= message.marks() ? message : message.with(marks);
    }

    /** Delivers what is next in order; the caller holds the lock. */
    private void deliver() {
        List<Delivered> delivered = new ArrayList<>();
        for (ChatMessage next = arrivals.next(); next != null; next = arrivals.next()) {
            if (!early.isEmpty()) {
                next = markedEarly(next);
            }
            delivered.add(recent.remember(next));
            if (next.claim() != null) {
                claims.follow(Marks.of(next, Marks.CLAIM));
            }
        }
        if (!delivered.isEmpty()) {
            fanout.deliver(delivered);
        }
    }

    /**
     * Opens a stream of {@code format} for the messages {@code filter} lets through: history (or,
     * with {@code resumeAfter}, the messages after it), then live events. When {@code resumeAfter}
     * is older than what memory holds, the listener gets a fresh history instead.
     */
    public synchronized void subscribe(Format format, Filter filter, SseEventSink sink, Long resumeAfter,
                                       Runnable onClose) {
        Subscriber subscriber = fanout.open(format, filter, sink, onClose);
        long lastId = arrivals.lastId();
        List<Delivered> missed = resumeAfter == null ? null : recent.missed(filter, resumeAfter, lastId);
        if (missed != null) {
            fanout.resume(subscriber, missed, Math.max(lastId, resumeAfter));
        } else {
            fanout.start(subscriber, recent.history(format, filter), lastId);
        }
    }

    /**
     * Waits for the first messages after {@code after} that {@code filter} lets through: those
     * already here are answered at once, else {@code answer} gets the first ones that arrive, on
     * the thread that delivers them (it must hand them on, not work there). Holds no thread.
     * Answers the way to stop waiting; after that, {@code answer} is not called.
     */
    public synchronized Runnable waitFor(Filter filter, long after, Consumer<List<ChatMessage>> answer) {
        List<ChatMessage> arrived = recent.after(after, filter);
        if (!arrived.isEmpty()) {
            answer.accept(arrived);
            return () -> { };
        }
        return fanout.await(filter, after, answer);
    }

    /** Requests waiting for messages. */
    public int waiting() {
        return fanout.waiting();
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
        return recent.newest(count, filter);
    }

    /**
     * An event that is not a message (stats, presence, totals) to every stream whose format
     * carries it, rendered once per format.
     */
    public synchronized void broadcast(ChatEvent event) {
        if (event instanceof ChatEvent.Posted || event instanceof ChatEvent.History) {
            throw new IllegalArgumentException("Messages reach the hub by accept(), history by subscribe()");
        }
        fanout.broadcast(event);
    }

    /** A comment line to every stream: keeps proxies from closing idle streams, finds dead ones. */
    public void heartbeat() {
        fanout.heartbeat();
    }

    public int listeners() {
        return fanout.listeners();
    }

    @PreDestroy
    void closeAll() {
        synchronized (this) {
            claims.stop();
        }
        fanout.closeAll();
    }
}
