package ai.chatr.throttling.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code chatr.limits.requests-per-minute}: every API request of a client address, REST or MCP,
 * counts against the same allowance, under the same key.
 */
@ApplicationScoped
public class RequestLimit {

    @Inject
    RateLimiter limiter;

    @Inject
    Limits limits;

    /** Counts one request of this address, or throws {@link ai.chatr.http.RateLimited}. */
    public void count(String clientAddress) {
        limiter.acquire("requests:" + clientAddress, limits.requests());
    }
}
