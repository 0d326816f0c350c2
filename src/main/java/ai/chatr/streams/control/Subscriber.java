package ai.chatr.streams.control;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream with its own bounded outbox. Frames are written by one drain task at a time,
 * in order; a listener that falls {@code capacity} frames behind is disconnected rather than
 * allowed to slow anyone else down. What it is sent on arrival (history, or the messages it missed
 * while away, at most the replay window) is queued whole and not held against that capacity.
 * Writes block while a listener's connection is full, so a listener that stops reading holds one
 * writer thread until it is dropped or the container's write timeout ends the write; the others go
 * on with the remaining writers.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    /** What this listener's frames look like; read by the hub. */
    final Channel channel;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor writer;
    private final int capacity;
    private final Runnable onClose;
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Frames of the arrival replay still in the outbox; they are its head. */
    private final AtomicInteger replaying = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean first = true;

    /** The newest message id handed to this listener; guarded by the hub. */
    long lastId;

    Subscriber(Channel channel, SseEventSink sink, Sse sse, Executor writer, int capacity, Runnable onClose) {
        this.channel = channel;
        this.sink = sink;
        this.sse = sse;
        this.writer = writer;
        this.capacity = capacity;
        this.onClose = onClose;
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
        if (queued.getAndIncrement() == 0) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException overloaded) {
                close();
            }
        }
    }

    private void drain() {
        do {
            Frame frame = outbox.poll();
            replaying.getAndUpdate(left -> Math.max(0, left - 1));
            if (frame != null && !closed.get() && !write(frame)) {
                close();
            }
        } while (queued.decrementAndGet() > 0);
    }

    private boolean write(Frame frame) {
        try {
            long retry = first ? 3000 : 0;
            first = false;
            sink.send(frame.toEvent(sse, retry)).toCompletableFuture().join();
            return !sink.isClosed();
        } catch (RuntimeException gone) {
            LOG.log(Level.FINEST, "A stream listener went away", gone);
            return false;
        }
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
                writer.execute(this::closeSink);
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
