package ai.chatr;

import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Duration;

/**
 * How chatr's EJB timers run: non-persistent, kept in memory only, first after one interval, then
 * every interval. A persistent timer would need the container's timer store: Payara Micro started
 * with {@code --nohazelcast} (as chatr is) has none, and on a cluster a stored timer would be found
 * again by a restarted or another node and fire twice. Each node runs its own timers on purpose.
 * At undeploy or redeploy Payara Server closes the deployment's data source before it destroys its beans and
 * does not cancel their non-persistent timers, which went on firing into the old deployment: so every tick first
 * asks {@code Storage.windingDown()} (set when the web module stops) and does nothing from then on, and every
 * bean that starts a timer cancels it in its {@code @PreDestroy} ({@link #stop}).
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

    /**
     * Cancels every timer of the calling bean: called from its {@code @PreDestroy}, at undeploy, redeploy or
     * shutdown, so that no tick runs after it (a tick already running ends as it would).
     */
    public static void stop(TimerService timers) {
        for (Timer timer : timers.getTimers()) {
            try {
                timer.cancel();
            } catch (NoSuchObjectLocalException ended) {
                // it ended or was cancelled meanwhile
            }
        }
    }
}
