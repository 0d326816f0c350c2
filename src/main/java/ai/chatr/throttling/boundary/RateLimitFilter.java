package ai.chatr.throttling.boundary;

import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At most {@code chatr.limits.requests-per-minute} API requests per client address. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "chatr.limits.requests-per-minute", defaultValue = "120")
    int requestsPerMinute;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    private Limit limit;

    @PostConstruct
    void init() {
        limit = new Limit(requestsPerMinute, Duration.ofMinutes(1), "rate_limited",
                "Too many requests: at most " + requestsPerMinute + " a minute. Slow down.");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("api/")) {
            limiter.acquire("requests:" + clientAddress.of(servletRequest), limit);
        }
    }
}
