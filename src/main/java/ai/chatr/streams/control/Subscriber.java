package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream with its own bounded outbox. A writer takes whatever frames wait and sends them
 * as one event (one write, one flush), so the busier the room, the fewer writes per frame; one
 * writer at a time, in order. A listener that falls {@code capacity} frames behind is disconnected
 * rather than allowed to slow anyone else down. What it is sent on arrival (history, or the
 * messages it missed while away, at most the replay window) is queued whole and not held against
 * that capacity. A write blocks only while the listener's connection is full; the writers then
 * replace the one it holds (see {@link Writers}).
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    /** The {@code retry:} of a stream's first write: how long a client waits before reconnecting. */
    private static final long RECONNECT_DELAY_MILLIS = 3000;
    /** At most this many frames in one write, so that one long backlog does not hold a writer long. */
    private static final int MOST_PER_WRITE = 512;

    /** What this listener's frames look like; read by the hub. */
    final Format format;
    /** Which messages this listener gets. */
    private final Filter filter;
    private final SseEventSink sink;
    private final Executor writers;
    private final int capacity;
    private final Runnable onClose;
    private final Deliveries deliveries;
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Frames of the arrival replay still in the outbox; they are its head. */
    private final AtomicInteger replaying = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean first = true;

    /** The newest message id handed to this listener; guarded by the hub. */
    long lastId;

    Subscriber(Format format, Filter filter, SseEventSink sink, Executor writers, int capacity, Deliveries deliveries,
               Runnable onClose) {
        this.deliveries = deliveries;
        this.format = format;
        this.filter = filter;
        this.sink = sink;
        this.writers = writers;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    /** Whether this listener gets {@code message}: the stream's filter, checked as the hub hands a frame over. */
    boolean wants(ChatMessage message) {
        return filter.wants(message);
    }

    /** Whether this listener gets a message of {@code channel} addressed to {@code agentIds}. */
    boolean wants(String channel, List<String> agentIds) {
        return filter.wants(channel, agentIds);
    }

    /** Whether this is a stream of what is addressed to {@code agentId}. */
    boolean isFor(String agentId) {
        return agentId.equals(filter.addressedTo());
    }

    /** Queues what this listener is sent on arrival, before any live frame. */
    void replay(Frame frame) {
        replaying.incrementAndGet();
        enqueue(frame);
    }

    /** Queues a live frame, or disconnects this listener if {@code capacity} live frames already wait. */
    void offer(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (queued.get() - replaying.get() >= capacity) {
            LOG.fine("Disconnecting a stream that fell too far behind");
            deliveries.dropped();
            close();
            return;
        }
        enqueue(frame);
    }

    private void enqueue(Frame frame) {
        if (closed.get()) {
            return;
        }
        outbox.add(frame);
        queued.incrementAndGet();
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException overloaded) {
                close();
            }
        }
    }

    /** Sends what waits as one event; then, if more came meanwhile, queues itself again behind the others. */
    private void drain() {
        boolean live = replaying.get() == 0;
        List<Frame> batch = new ArrayList<>();
        for (Frame frame = outbox.poll(); frame != null; frame = batch.size() < MOST_PER_WRITE ? outbox.poll() : null) {
            batch.add(frame);
        }
        queued.addAndGet(-batch.size());
        replaying.getAndUpdate(left -> Math.max(0, left - batch.size()));
        if (!batch.isEmpty() && !closed.get()) {
            if (write(batch)) {
                deliveries.written(batch.size(), live ? oldestMessage(batch) : 0);
            } else {
                close();
            }
        }
        scheduled.set(false);
        if (!outbox.isEmpty() && !closed.get()) {
            schedule();
        }
    }

    private boolean write(List<Frame> batch) {
        try {
            long retry = first ? RECONNECT_DELAY_MILLIS : 0;
            first = false;
            sink.send(new Frames(batch, retry)).toCompletableFuture().join();
            return !sink.isClosed();
        } catch (RuntimeException gone) {
            LOG.log(Level.FINEST, "A stream listener went away", gone);
            return false;
        }
    }

    private static long oldestMessage(List<Frame> batch) {
        return batch.stream().filter(Frame::isMessage).mapToLong(Frame::born).min().orElse(0);
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops this stream at once for the hub (its slot is free, nothing more is queued); the
     * connection itself is closed on a writer thread, since closing may wait for a write that a
     * listener who stopped reading has left hanging.
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
            onClose.run();
            try {
                writers.execute(this::closeSink);
            } catch (RejectedExecutionException shuttingDown) {
                closeSink();
            }
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            LOG.log(Level.FINEST, "Closing a stream that was already gone", alreadyGone);
        }
    }
}
