package ai.chatr.streams.boundary;

import ai.chatr.IntervalTimers;
import ai.chatr.streams.control.Hub;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code chatr.stream.catch-up} (2 s) the hub checks the database for messages it never
 * heard of: the safety net under the relay, and what keeps nodes in step while Redis is away.
 */
@Singleton
@Startup
public class CatchUp {

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Hub hub;

    @Inject
    @ConfigProperty(name = "chatr.stream.catch-up", defaultValue = "PT2S")
    Duration interval;

    public void schedule(@Observes DatabaseReady ready) {
        IntervalTimers.every(timers, interval, "catch-up");
    }

    /** At undeploy, redeploy or shutdown: no tick after this (see {@link IntervalTimers#stop}). */
    @PreDestroy
    void stop() {
        IntervalTimers.stop(timers);
    }

    @Timeout
    void check() {
        if (storage.windingDown()) {
            return;
        }
        hub.catchUp();
    }
}
