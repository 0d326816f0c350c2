package ai.chatr.throttling.control;

import ai.chatr.cluster.control.Redis;
import ai.chatr.http.RateLimited;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding-window limits: a key may be used {@link Limit#count()} times within any
 * {@link Limit#window()}. Exact (a log of the permits inside the window) and refundable, so that
 * an action refused after all does not use up the allowance.
 *
 * <p>With Redis, the log is shared by every node (one atomic script per permit), so that two nodes
 * do not double an allowance. Without Redis, or while it is away, each node keeps its own log:
 * the limits then hold per node.
 */
@ApplicationScoped
public class RateLimiter {

    /** Drops what left the window, then takes a permit or answers the milliseconds to wait. */
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return math.max(1, tonumber(oldest[2]) + window - now)
            end
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], window)
            return 0
            """;
    private static final String PREFIX = "chatr:limit:";
    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();
    private final String node = UUID.randomUUID().toString();
    private final Clock clock;

    @Inject
    Redis redis;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public RateLimiter() {
        this(Clock.systemUTC());
    }

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** A permit taken, in Redis ({@code shared}) or in this node's memory. */
    public record Permit(String key, String id, boolean shared) {
    }

    /** Takes a permit or throws {@link RateLimited} with the time until the next one frees up. */
    public Permit acquire(String key, Limit limit) {
        String id = node + ":" + acquisitions.incrementAndGet();
        Optional<Long> sharedWait = redis == null ? Optional.empty() : redis.call(client -> (Long) client.eval(TAKE,
                List.of(PREFIX + key), List.of(Long.toString(limit.window().toMillis()), Long.toString(limit.count()), id)));
        long waitMillis = sharedWait.orElseGet(() -> takeLocally(key, limit, id));
        if (waitMillis > 0) {
            throw new RateLimited(limit.code(), limit.message(), Duration.ofMillis(waitMillis), limit.count(), limit.window());
        }
        return new Permit(key, id, sharedWait.isPresent());
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
        if (permit.shared()) {
            redis.call(client -> client.zrem(PREFIX + permit.key(), permit.id()));
        } else {
            Log log = logs.get(permit.key());
            if (log != null) {
                log.giveBack(permit.id());
            }
        }
    }

    private long takeLocally(String key, Limit limit, String id) {
        long now = clock.millis();
        if (acquisitions.get() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        return logs.computeIfAbsent(key, k -> new Log(limit.window().toMillis())).tryTake(now, limit.count(), id);
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

        private record Taken(long at, String id) {
        }

        private final long windowMillis;
        private final ArrayDeque<Taken> taken = new ArrayDeque<>();

        Log(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        /** Zero when taken, else the milliseconds until a permit frees up. */
        synchronized long tryTake(long now, int count, String id) {
            expire(now);
            if (taken.size() >= count) {
                return Math.max(1, taken.peekFirst().at() + windowMillis - now);
            }
            taken.addLast(new Taken(now, id));
            return 0;
        }

        synchronized void giveBack(String id) {
            taken.removeIf(permit -> permit.id().equals(id));
        }

        synchronized boolean isIdle(long now) {
            expire(now);
            return taken.isEmpty();
        }

        private void expire(long now) {
            while (!taken.isEmpty() && taken.peekFirst().at() <= now - windowMillis) {
                taken.pollFirst();
            }
        }
    }
}
