package ai.chatr.agents.boundary;

import ai.chatr.IntervalTimers;
import ai.chatr.agents.control.Sightings;
import ai.chatr.agents.control.Presence;
import ai.chatr.storage.entity.DatabaseReady;
import ai.chatr.storage.control.Storage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks agents offline once {@code chatr.presence.timeout} (30 min) has passed without an
 * authenticated call. Sweeps every tenth of the timeout, between 1 s and 1 min, writing the
 * sightings of online agents that this node kept in memory since the last sweep.
 */
@Singleton
@Startup
public class PresenceReaper {

    private static final Duration FASTEST = Duration.ofSeconds(1);
    private static final Duration SLOWEST = Duration.ofMinutes(1);

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Presence presence;

    @Inject
    Sightings sightings;

    public void schedule(@Observes DatabaseReady ready) {
        Duration tenth = presence.timeout().dividedBy(10);
        long every = tenth.compareTo(FASTEST) < 0 ? FASTEST.toMillis()
                : Math.min(tenth.toMillis(), SLOWEST.toMillis());
        IntervalTimers.every(timers, Duration.ofMillis(every), "presence");
    }

    /** At undeploy, redeploy or shutdown: no tick after this (see {@link IntervalTimers#stop}). */
    @PreDestroy
    void stop() {
        IntervalTimers.stop(timers);
    }

    /** Writes this node's sightings first, so that no agent it heard from within the timeout expires. */
    @Timeout
    void sweep() {
        if (storage.windingDown()) {
            return;
        }
        sightings.flush();
        presence.expire(Instant.now().minus(presence.timeout()));
    }
}
