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

    /**
     * Drops what left the window, then takes a permit ({0, permits left, milliseconds until the
     * oldest leaves the window}) or answers the milliseconds to wait ({wait, 0, wait}).
     */
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local used = redis.call('ZCARD', KEYS[1])
            if used >= tonumber(ARGV[2]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              local wait = math.max(1, tonumber(oldest[2]) + window - now)
              return {wait, 0, wait}
            end
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], window)
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {0, tonumber(ARGV[2]) - used - 1, tonumber(oldest[2]) + window - now}
            """;
    /** What {@link #TAKE} would answer, taking nothing: {0, permits left, milliseconds until one more frees up}. */
    private static final String PEEK = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            local used = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
            local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
            local reset = 0
            if oldest[2] then reset = tonumber(oldest[2]) + window - now end
            return {0, math.max(0, tonumber(ARGV[2]) - used), reset}
            """;
    private static final String PREFIX = "chatr:limit:";
    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();
    private final String node = UUID.randomUUID().toString();
    private final Clock clock;

    @Inject
    Redis redis;

    /** The quotas of the request this thread took in, if it took one in ({@link #track()}). */
    private final ThreadLocal<Quotas> tracked = new ThreadLocal<>();

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

    /**
     * Takes a permit or throws {@link RateLimited} with the time until the next one frees up. Either
     * way, the request being answered learns how much of the limit is left ({@link Quotas}).
     */
    public Permit acquire(String key, Limit limit) {
        String id = node + ":" + acquisitions.incrementAndGet();
        Optional<Standing> shared = redis == null ? Optional.empty() : redis.call(client -> Standing.of(client.eval(TAKE,
                List.of(PREFIX + key), List.of(Long.toString(limit.window().toMillis()), Long.toString(limit.count()), id))));
        Standing standing = shared.orElseGet(() -> takeLocally(key, limit, id));
        tell(key, limit, standing);
        if (standing.waitMillis() > 0) {
            throw new RateLimited(limit.code(), limit.message(), Duration.ofMillis(standing.waitMillis()), limit.count(),
                    limit.window(), Quotas.policy(key));
        }
        return new Permit(key, id, shared.isPresent());
    }

    /** Tells the request being answered how much of this limit is left, taking nothing. */
    public void show(String key, Limit limit) {
        Standing standing = (redis == null ? Optional.<Standing>empty() : redis.call(client -> Standing.of(client.eval(PEEK,
                List.of(PREFIX + key), List.of(Long.toString(limit.window().toMillis()), Long.toString(limit.count()))))))
                .orElseGet(() -> Optional.ofNullable(logs.get(key)).map(log -> log.peek(clock.millis(), limit.count()))
                        .orElse(new Standing(0, limit.count(), 0)));
        tell(key, limit, standing);
    }

    /**
     * From now on, what this thread's permits leave of their limits goes to the answer of the request it
     * takes in: called where every request comes in, before anything takes a permit for it, and ended by
     * {@link #untrack()} when the thread is done with it. Work that is no request's (a timer's) tells nobody.
     */
    public Quotas track() {
        Quotas quotas = new Quotas();
        tracked.set(quotas);
        return quotas;
    }

    /** Ends what {@link #track()} began, once the thread is done with its request. */
    public void untrack() {
        tracked.remove();
    }

    private void tell(String key, Limit limit, Standing standing) {
        Quotas quotas = tracked.get();
        if (quotas != null) {
            quotas.record(key, limit, standing.remaining(), standing.resetMillis());
        }
    }

    /**
     * A limit's state for one key: the milliseconds to wait for a permit (0: one was taken), the
     * permits left, and the milliseconds until one more frees up.
     */
    record Standing(long waitMillis, long remaining, long resetMillis) {

        @SuppressWarnings("unchecked")
        static Standing of(Object answer) {
            List<Long> values = (List<Long>) answer;
            return new Standing(values.get(0), values.get(1), values.get(2));
        }
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

    private Standing takeLocally(String key, Limit limit, String id) {
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

        /** A permit taken ({@code waitMillis} 0) or the milliseconds until one frees up. */
        synchronized Standing tryTake(long now, int count, String id) {
            expire(now);
            if (taken.size() >= count) {
                long wait = Math.max(1, taken.peekFirst().at() + windowMillis - now);
                return new Standing(wait, 0, wait);
            }
            taken.addLast(new Taken(now, id));
            return new Standing(0, count - taken.size(), taken.peekFirst().at() + windowMillis - now);
        }

        synchronized Standing peek(long now, int count) {
            expire(now);
            return new Standing(0, Math.max(0, count - taken.size()),
                    taken.isEmpty() ? 0 : taken.peekFirst().at() + windowMillis - now);
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
