package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Marks;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * This node's open streams and waiting requests, and what they are handed: every delivered
 * message, in order, to each stream whose filter wants it, from frames rendered once per format;
 * other events rendered once per format; the first wanted messages to each waiting request. Knows
 * nothing of other nodes or of the database. What changes who listens, or what they are handed, is
 * called under the hub's lock, so that a stream is registered in the same step as its arrival
 * replay is queued, and no delivery falls between the two or lands in both.
 */
final class Fanout {

    /** Writes to the streams; see {@link Writers}. */
    Executor writer;
    /** Live frames a stream may fall behind before it is dropped. */
    int outboxSize;
    private final Deliveries deliveries;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

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

    Fanout(Executor writer, int outboxSize, Deliveries deliveries) {
        this.writer = writer;
        this.outboxSize = outboxSize;
        this.deliveries = deliveries;
    }

    /** A stream not yet registered: hand it to {@link #resume} or {@link #start}. */
    Subscriber open(Format format, Filter filter, SseEventSink sink, Runnable onClose) {
        Subscriber[] self = new Subscriber[1];
        self[0] = new Subscriber(format, filter, sink, writer, outboxSize, deliveries, () -> {
            subscribers.remove(self[0]);
            onClose.run();
        });
        return self[0];
    }

    /** Queues what a returning stream missed (those it wants), then registers it, live after {@code upTo}. */
    void resume(Subscriber subscriber, List<Delivered> missed, long upTo) {
        for (Delivered d : missed) {
            if (subscriber.wants(d.message())) {
                d.in(subscriber.format).forEach(subscriber::replay);
            }
        }
        register(subscriber, upTo);
    }

    /** Queues a new stream's history, then registers it, live after {@code upTo}. */
    void start(Subscriber subscriber, List<Frame> history, long upTo) {
        history.forEach(subscriber::replay);
        register(subscriber, upTo);
    }

    private void register(Subscriber subscriber, long upTo) {
        subscriber.lastId = upTo;
        subscribers.add(subscriber);
    }

    /** Waits for the first delivered messages after {@code after} that {@code filter} lets through; answers how to stop. */
    Runnable await(Filter filter, long after, Consumer<List<ChatMessage>> answer) {
        Waiter waiter = new Waiter(filter, after, answer);
        waiters.add(waiter);
        return () -> waiters.remove(waiter);
    }

    /** Hands messages just delivered, in id order, to the waiting requests and the streams that want them. */
    void deliver(List<Delivered> delivered) {
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

    /** An event that is not a message to every stream whose format carries it, rendered once per format. */
    void broadcast(ChatEvent event) {
        Map<String, List<Frame>> rendered = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            Format format = subscriber.format;
            rendered.computeIfAbsent(format.name(), name -> format.frames(event)).forEach(subscriber::offer);
        }
    }

    /**
     * A change of what is on a message to every stream that carries the message (by its filter),
     * rendered once per format.
     */
    void marked(Marks marks) {
        ChatEvent event = new ChatEvent.Marked(marks);
        Map<String, List<Frame>> rendered = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            if (subscriber.wants(marks.channel(), marks.addressedTo())) {
                Format format = subscriber.format;
                rendered.computeIfAbsent(format.name(), name -> format.frames(event)).forEach(subscriber::offer);
            }
        }
    }

    /** A comment line to every stream. */
    void heartbeat() {
        Frame heartbeat = Frame.heartbeat();
        subscribers.forEach(subscriber -> subscriber.offer(heartbeat));
    }

    int listeners() {
        return subscribers.size();
    }

    /** Open streams of the format named {@code kind}. */
    long listeners(String kind) {
        return subscribers.stream().filter(s -> s.format.name().equals(kind)).count();
    }

    int waiting() {
        return waiters.size();
    }

    /**
     * Ends the streams and waits of what is addressed to {@code agentId} (its {@code for=me}): a
     * waiting request is answered with nothing.
     */
    void closeFor(String agentId) {
        subscribers.stream().filter(subscriber -> subscriber.isFor(agentId)).forEach(Subscriber::close);
        for (Waiter waiter : waiters) {
            if (agentId.equals(waiter.filter.addressedTo()) && waiters.remove(waiter)) {
                waiter.answer.accept(List.of());
            }
        }
    }

    void closeAll() {
        subscribers.forEach(Subscriber::close);
    }
}
