package ai.chatr.storage.control;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread that takes what was queued in the order it came, as many at a time as are waiting
 * (at most {@code mostAtOnce}), and writes each batch in one go: while one batch is written the
 * next gathers, so writes cost one transaction per batch, not per item. A batch whose write throws
 * goes to the failure handler and the thread carries on.
 *
 * @param <T> what is written
 */
public final class BatchWriter<T> {

    /** Writes one batch, typically in one transaction. */
    @FunctionalInterface
    public interface Write<T> {
        void write(List<T> batch) throws Exception;
    }

    /** What happens to a batch whose write threw. */
    @FunctionalInterface
    public interface Failure<T> {
        void failed(List<T> batch, Exception cause);
    }

    private final BlockingQueue<T> queue;
    private final int mostAtOnce;
    private final Write<T> write;
    private final Failure<T> failure;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts the writer thread, named {@code name}, on a container-managed thread. */
    public BatchWriter(ManagedThreadFactory threads, String name, int capacity, int mostAtOnce, Write<T> write, Failure<T> failure) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.mostAtOnce = mostAtOnce;
        this.write = write;
        this.failure = failure;
        this.thread = threads.newThread(this::run);
        thread.setName(name);
        thread.start();
    }

    /** Queues one item; false when the queue is full or the writer stopped, and the item was not taken. */
    public boolean offer(T item) {
        return running && queue.offer(item);
    }

    private void run() {
        List<T> batch = new ArrayList<>(mostAtOnce);
        while (running) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, mostAtOnce - 1);
                write.write(List.copyOf(batch));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception failed) {
                failure.failed(List.copyOf(batch), failed);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Stops taking items, lets the batch being written finish (waiting up to five seconds), and
     * returns what was queued but not written.
     */
    public List<T> stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }
}
