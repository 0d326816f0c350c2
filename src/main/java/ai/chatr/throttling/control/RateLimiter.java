package ai.chatr.throttling.control;

import ai.chatr.http.RateLimited;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding-window limits held in this node's memory: a key may be used {@link Limit#count()} times
 * within any {@link Limit#window()}. Exact (a log of the permits in the window, at most
 * {@code count} timestamps per key), and refundable, so that an action that was refused after
 * all does not use up the allowance.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();
    private final Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public RateLimiter() {
        this(Clock.systemUTC());
    }

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** A permit taken: give it back with {@link #refund(Permit)}. */
    public record Permit(String key, long takenAt) {
    }

    /** Takes a permit or throws {@link RateLimited} with the time until the next one frees up. */
    public Permit acquire(String key, Limit limit) {
        long now = clock.millis();
        if (acquisitions.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        Log log = logs.computeIfAbsent(key, k -> new Log(limit.window().toMillis()));
        long waitMillis = log.tryTake(now, limit.count());
        if (waitMillis > 0) {
            throw new RateLimited(limit.code(), limit.message(), Duration.ofMillis(waitMillis),
                    limit.count(), limit.window());
        }
        return new Permit(key, now);
    }

    /**
     * Takes a permit that is given back by itself if the current transaction does not commit:
     * only actions that took effect count.
     */
    public void acquireForTransaction(String key, Limit limit) {
        Permit permit = acquire(key, limit);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    refund(permit);
                }
            }
        });
    }

    public void refund(Permit permit) {
        Log log = logs.get(permit.key());
        if (log != null) {
            log.giveBack(permit.takenAt());
        }
    }

    /** Forgets keys whose whole window has passed. */
    void sweep(long now) {
        logs.entrySet().removeIf(entry -> entry.getValue().isIdle(now));
    }

    int trackedKeys() {
        return logs.size();
    }

    /** The permits of one key still inside its window, oldest first. */
    private static final class Log {

        private final long windowMillis;
        private final ArrayDeque<Long> taken = new ArrayDeque<>();

        Log(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        /** Zero when taken, else the milliseconds until a permit frees up. */
        synchronized long tryTake(long now, int count) {
            expire(now);
            if (taken.size() >= count) {
                return Math.max(1, taken.peekFirst() + windowMillis - now);
            }
            taken.addLast(now);
            return 0;
        }

        synchronized void giveBack(long takenAt) {
            taken.removeLastOccurrence(takenAt);
        }

        synchronized boolean isIdle(long now) {
            expire(now);
            return taken.isEmpty();
        }

        private void expire(long now) {
            while (!taken.isEmpty() && taken.peekFirst() <= now - windowMillis) {
                taken.pollFirst();
            }
        }
    }
}
