package ai.chatr.throttling.control;

import ai.chatr.http.ApiException;
import ai.chatr.http.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Counts open streams, per client address and in all, and refuses those over the caps. */
@ApplicationScoped
public class StreamSlots {

    @Inject
    Limits limits;

    @Inject
    @ConfigProperty(name = "chatr.limits.max-streams", defaultValue = "10000")
    int total;

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    /** Takes a slot for {@code address}; the caller must {@link #release(String)} it exactly once. */
    public void take(String address) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            throw new ApiException(503, "server_busy", "Server busy: too many open streams. Try again later.");
        }
        boolean[] refused = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= limits.streamsPerAddress()) {
                refused[0] = true;
                return n;
            }
            return count + 1;
        });
        if (refused[0]) {
            all.decrementAndGet();
            throw new RateLimited("too_many_streams",
                    "Too many connections: at most " + limits.streamsPerAddress() + " open streams per address.",
                    Duration.ofSeconds(5), limits.streamsPerAddress(), Duration.ofSeconds(5));
        }
    }

    public void release(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        all.decrementAndGet();
    }

    public int openStreams() {
        return all.get();
    }
}
