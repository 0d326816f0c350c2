package ai.chatr.streams.boundary;

import ai.chatr.IntervalTimers;
import ai.chatr.streams.control.Hub;
import ai.chatr.throttling.control.StreamSlots;
import ai.chatr.storage.control.Storage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A comment line on every stream every {@code chatr.stream.heartbeat} (15 s), which also finds the
 * streams whose listeners went away; and the renewal of this node's stream leases.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeats {

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Hub hub;

    @Inject
    StreamSlots slots;

    @PostConstruct
    void schedule() {
        IntervalTimers.every(timers, slots.heartbeat(), "heartbeats");
    }

    /** At undeploy, redeploy or shutdown: no tick after this (see {@link IntervalTimers#stop}). */
    @PreDestroy
    void stop() {
        IntervalTimers.stop(timers);
    }

    @Timeout
    void beat() {
        if (storage.windingDown()) {
            return;
        }
        hub.heartbeat();
        slots.renew();
    }
}
