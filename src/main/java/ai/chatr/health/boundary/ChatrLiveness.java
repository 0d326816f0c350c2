package ai.chatr.health.boundary;

import ai.chatr.storage.control.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Whether this chatr itself still works, whatever the database and Redis do (those are readiness:
 * a restart would not bring them back): it answers, and none of its threads are deadlocked.
 */
@Liveness
@ApplicationScoped
public class ChatrLiveness implements HealthCheck {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Inject
    Storage storage;

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = threads.findDeadlockedThreads();
        int count = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named("chatr")
                .status(count == 0)
                .withData("deadlockedThreads", count)
                .withData("database", storage.open() ? "opened" : "waiting")
                .build();
    }
}
