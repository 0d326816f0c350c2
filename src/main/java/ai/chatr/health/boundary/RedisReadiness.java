package ai.chatr.health.boundary;

import ai.chatr.cluster.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the Redis that nodes share answers. chatr works on without it (each node alone, other
 * nodes' messages through the database catch-up), so an unreachable Redis leaves the node ready
 * and is reported in the check's data as degraded: {@code "redis": "unreachable"}.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    Redis redis;

    @Override
    public HealthCheckResponse call() {
        String state;
        if (!redis.enabled()) {
            state = "not configured";
        } else {
            state = redis.call(client -> client.ping()).isPresent() ? "reachable" : "unreachable";
        }
        return HealthCheckResponse.named("redis").up().withData("redis", state).build();
    }
}
