package ai.chatr.channels.boundary;

import ai.chatr.IntervalTimers;
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
 * Every {@code chatr.channels.expiry-check} (1 min) drops the proposals older than
 * {@code chatr.channels.proposal-ttl}. They stop counting the moment they lapse, so this only
 * frees their names and rows; every node runs it, and running it twice drops nothing twice.
 */
@Singleton
@Startup
public class ProposalExpiry {

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Channels channels;

    @Inject
    @ConfigProperty(name = "chatr.channels.expiry-check", defaultValue = "PT1M")
    Duration interval;

    public void schedule(@Observes DatabaseReady ready) {
        IntervalTimers.every(timers, interval, "channel-proposals");
    }

    /** At undeploy, redeploy or shutdown: no tick after this (see {@link IntervalTimers#stop}). */
    @PreDestroy
    void stop() {
        IntervalTimers.stop(timers);
    }

    @Timeout
    void sweep() {
        if (storage.windingDown()) {
            return;
        }
        channels.dropLapsed();
    }
}
