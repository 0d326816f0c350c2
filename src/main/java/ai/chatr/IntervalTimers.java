package ai.chatr;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Duration;

/**
 * How chatr's EJB timers run: kept in memory only (a restarted node, or another node, never finds
 * them again and fires them twice), first after one interval, then every interval.
 */
public final class IntervalTimers {

    private IntervalTimers() {
    }

    /** Fires the calling bean's {@code @Timeout} method every {@code interval}. */
    public static void every(TimerService timers, Duration interval, String name) {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(name, false));
    }
}
