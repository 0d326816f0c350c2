package ai.chatr.throttling.control;

import ai.chatr.http.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the requests that wait for new messages, per client address, on this node, and refuses
 * those over {@code chatr.limits.waits-per-ip}. A wait is short (at most 30 s), so a per-node
 * count needs no leases.
 */
@ApplicationScoped
public class WaitSlots {

    @Inject
    Limits limits;

    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    /** Takes a place for {@code address}; the caller must {@link #release} it exactly once. */
    public void take(String address) {
        int cap = limits.waitsPerAddress();
        boolean[] granted = {false};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            granted[0] = count < cap;
            return granted[0] ? count + 1 : n;
        });
        if (!granted[0]) {
            throw new RateLimited("too_many_waits", "Too many waiting requests: at most " + cap + " at once per address.",
                    Duration.ofSeconds(1), cap, Duration.ofSeconds(1), null);
        }
    }

    public void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
