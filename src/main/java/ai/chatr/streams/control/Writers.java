package ai.chatr.streams.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that write to the streams: as many as the machine has cores, however many streams
 * are open. A write blocks only while a listener's connection is full, which for a healthy
 * listener is never; a writer that has been inside one task longer than {@code stallAfter} is
 * stuck on a listener that stopped reading, and no longer counts: other writers are started in its
 * place, enough for every task waiting (up to {@code max} in all), so a stalled listener holds up no
 * one. Writers beyond {@code size} end once they have been idle for a while.
 */
final class Writers implements Executor {

    private static final Logger LOG = Logger.getLogger(Writers.class.getName());
    private static final long IDLE_SECONDS = 30;

    private final ThreadFactory threads;
    private final int size;
    private final int max;
    private final long stallAfterNanos;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Set<Writer> writers = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private volatile boolean running = true;

    Writers(ThreadFactory threads, int size, int max, long stallAfterMillis) {
        this.threads = threads;
        this.size = Math.max(1, size);
        this.max = Math.max(this.size, max);
        this.stallAfterNanos = TimeUnit.MILLISECONDS.toNanos(stallAfterMillis);
        for (int i = 0; i < this.size; i++) {
            start();
        }
        watchdog = threads.newThread(this::watch);
        watchdog.setName("chatr-writers-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("Shutting down");
        }
        tasks.add(task);
    }

    /** How many writer threads there are now (stuck ones included). */
    int threads() {
        return writers.size();
    }

    void shutdown() {
        running = false;
        watchdog.interrupt();
        writers.forEach(writer -> writer.thread.interrupt());
    }

    /** Every half {@code stallAfter}: a writer in place of each stuck one, while there is work. */
    private void watch() {
        long every = Math.max(1, TimeUnit.NANOSECONDS.toMillis(stallAfterNanos) / 2);
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException stopping) {
                return;
            }
            replaceStuck(System.nanoTime());
        }
    }

    /**
     * When stuck writers leave fewer than {@code size} free, one new writer per waiting task: when many
     * listeners stall at once, the tasks queued behind them may be stalled listeners too, and each
     * would take the next replacement, so replacing a few at a time would keep healthy streams waiting.
     */
    private synchronized void replaceStuck(long now) {
        long free = writers.stream().filter(writer -> !writer.stuck(now)).count();
        if (free >= size) {
            return;
        }
        for (long missing = size - free + tasks.size(); missing > 0 && writers.size() < max; missing--) {
            start();
        }
    }

    private synchronized void start() {
        Writer writer = new Writer();
        writer.thread = threads.newThread(writer);
        writer.thread.setName("chatr-writer");
        writers.add(writer);
        writer.thread.start();
    }

    /** Ends an idle writer when there are more than {@code size}. */
    private synchronized boolean retire(Writer writer) {
        return writers.size() > size && writers.remove(writer);
    }

    private final class Writer implements Runnable {

        Thread thread;
        /** When the current task began ({@link System#nanoTime()}), or 0 between tasks. */
        private volatile long busySince;

        /**
         * Inside one task for longer than {@code stallAfter} and waiting, as a write to a full
         * connection waits: a writer that only lost its core for a while (a busy machine, a
         * collector's pause) is running, not stuck.
         */
        boolean stuck(long now) {
            long since = busySince;
            if (since == 0 || now - since <= stallAfterNanos) {
                return false;
            }
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    Runnable task = tasks.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                    if (task == null) {
                        if (retire(this)) {
                            return;
                        }
                        continue;
                    }
                    busySince = Math.max(1, System.nanoTime());
                    try {
                        task.run();
                    } catch (RuntimeException failed) {
                        LOG.log(Level.WARNING, "A stream write failed unexpectedly", failed);
                    } finally {
                        busySince = 0;
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                writers.remove(this);
            }
        }
    }
}
