package ai.chatr.health.boundary;

import ai.chatr.storage.control.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers a query within {@code chatr.storage.timeout} (2 s). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    Storage storage;

    @Override
    public HealthCheckResponse call() {
        Optional<String> failure = storage.check();
        return HealthCheckResponse.named("database")
                .status(failure.isEmpty())
                .withData("database", failure.isEmpty() ? "reachable" : "unreachable")
                .withData("reason", failure.orElse("a query answered"))
                .build();
    }
}
