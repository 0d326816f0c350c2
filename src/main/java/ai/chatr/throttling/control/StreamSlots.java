package ai.chatr.throttling.control;

import ai.chatr.cluster.control.Redis;
import ai.chatr.http.ApiException;
import ai.chatr.http.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts open streams, per client address and in all, and refuses those over the caps.
 *
 * <p>With Redis, the per-address count spans every node: each open stream holds a lease in Redis
 * that its node renews with every heartbeat, so the streams of a node that died stop counting
 * after {@code 3 × chatr.stream.heartbeat}. Without Redis, or while it is away, the count is this
 * node's own. The overall cap ({@code chatr.limits.max-streams}) is always per node.
 */
@ApplicationScoped
public class StreamSlots {

    /** Drops expired leases, then takes one (1) or refuses (0). */
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
            return 1
            """;
    private static final String RENEW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
            return 1
            """;
    private static final String PREFIX = "chatr:streams:";

    @Inject
    Limits limits;

    @Inject
    Redis redis;

    @Inject
    @ConfigProperty(name = "chatr.limits.max-streams", defaultValue = "10000")
    int total;

    @Inject
    @ConfigProperty(name = "chatr.stream.heartbeat", defaultValue = "PT15S")
    Duration heartbeat;

    /** How often every stream hears a heartbeat ({@code chatr.stream.heartbeat}), which also renews its slot. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** This node's open streams. */
    private final Map<String, Slot> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    /** One open stream's place in the count. */
    public record Slot(String address, String id) {
    }

    /** Takes a slot for {@code address}; the caller must {@link #release(Slot)} it exactly once. */
    public Slot take(String address) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            throw new ApiException(503, "server_busy", "Server busy: too many open streams. Try again later.");
        }
        Slot slot = new Slot(address, UUID.randomUUID().toString());
        int cap = limits.streamsPerAddress();
        Optional<Long> shared = redis.call(client -> (Long) client.eval(TAKE, List.of(PREFIX + address),
                List.of(Long.toString(lease()), Integer.toString(cap), slot.id())));
        boolean granted = shared.map(taken -> taken == 1L).orElseGet(() -> countLocally(address, cap));
        if (!granted) {
            all.decrementAndGet();
            throw new RateLimited("too_many_streams", "Too many connections: at most " + cap + " open streams per address.",
                    Duration.ofSeconds(5), cap, Duration.ofSeconds(5), null);
        }
        if (shared.isPresent()) {
            perAddress.merge(address, 1, Integer::sum);
        }
        open.put(slot.id(), slot);
        return slot;
    }

    public void release(Slot slot) {
        if (open.remove(slot.id()) == null) {
            return;
        }
        perAddress.computeIfPresent(slot.address(), (a, n) -> n <= 1 ? null : n - 1);
        all.decrementAndGet();
        redis.call(client -> client.zrem(PREFIX + slot.address(), slot.id()));
    }

    /** Keeps this node's leases alive in Redis (and restores them after Redis was away). */
    public void renew() {
        if (!redis.enabled()) {
            return;
        }
        String lease = Long.toString(lease());
        for (Slot slot : open.values()) {
            if (redis.call(client -> client.eval(RENEW, List.of(PREFIX + slot.address()), List.of(lease, slot.id()))).isEmpty()) {
                return;
            }
        }
    }

    public int openStreams() {
        return all.get();
    }

    private boolean countLocally(String address, int cap) {
        boolean[] granted = {false};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            granted[0] = count < cap;
            return granted[0] ? count + 1 : n;
        });
        return granted[0];
    }

    private long lease() {
        return heartbeat.toMillis() * 3;
    }
}
