package ai.chatr;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Duration;

/**
 * How chatr's EJB timers run: non-persistent, kept in memory only, first after one interval, then
 * every interval. A persistent timer would need the container's timer store: Payara Micro started
 * with {@code --nohazelcast} (as chatr is) has none, and on a cluster a stored timer would be found
 * again by a restarted or another node and fire twice. Each node runs its own timers on purpose.
 */
public final class IntervalTimers {

    private IntervalTimers() {
    }

    /** Fires the calling bean's {@code @Timeout} method every {@code interval}. */
    public static void every(TimerService timers, Duration interval, String name) {
        TimerConfig config = new TimerConfig();
        config.setInfo(name);
        config.setPersistent(false);
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), config);
    }
}
