package ai.chatr.hooks.boundary;

import ai.chatr.IntervalTimers;
import ai.chatr.hooks.control.Claims;
import ai.chatr.hooks.control.Lanes;
import ai.chatr.storage.entity.DatabaseReady;
import ai.chatr.storage.control.Storage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Every {@code chatr.hooks.poll} (1 s), on every node: takes the deliveries that are due and that no
 * node holds (retries, and what a dead node left) and sends them; counts the pending ones for
 * {@code chatr_hook_deliveries_pending}; once a minute forgets delivered and failed deliveries older
 * than {@code chatr.hooks.log-retention} (7 days). A new delivery does not wait for this: the node that
 * wrote it sends it at once.
 */
@Singleton
@Startup
public class DeliveryTimer {

    private static final Duration EXPIRY_EVERY = Duration.ofMinutes(1);

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Claims claims;

    @Inject
    Lanes lanes;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "chatr.hooks.poll", defaultValue = "PT1S")
    Duration poll;

    @Inject
    @ConfigProperty(name = "chatr.hooks.log-retention", defaultValue = "P7D")
    Duration retention;

    private volatile long pending;
    private volatile boolean stopping;
    private Instant nextExpiry = Instant.MIN;

    public void schedule(@Observes DatabaseReady ready) {
        metrics.gauge("chatr_hook_deliveries_pending", () -> pending);
        IntervalTimers.every(timers, poll, "hooks");
    }

    /**
     * At undeploy or redeploy: no tick after this one. The timer fires every second, and a tick that started
     * while the container was closing chatr's data source failed inside the pool (Payara Server logged it as
     * SEVERE); a tick already running ends as it would.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
    }

    /** Claims commit before the deliveries are sent, so that a lease is on disk before its request leaves. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (storage.windingDown()) {
            return;
        }
        if (stopping) {
            return;
        }
        lanes.offer(claims.claim(lanes.room()));
        pending = claims.pending();
        Instant now = Instant.now();
        if (now.isAfter(nextExpiry)) {
            nextExpiry = now.plus(EXPIRY_EVERY);
            claims.expire(now.minus(retention));
        }
    }
}
