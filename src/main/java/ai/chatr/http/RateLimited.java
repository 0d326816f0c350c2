package ai.chatr.http;

import java.time.Duration;

/**
 * A 429: the caller may try again after {@code retryAfter}. Carries the limit that was hit so
 * that the answer can name it in the {@code RateLimit-Policy} and {@code RateLimit} fields.
 */
public class RateLimited extends ApiException {

    private final Duration retryAfter;
    private final int limit;
    private final Duration window;
    private final String policy;

    /**
     * A limit of {@code limit} uses per {@code window} hit, named {@code policy} in the
     * {@code RateLimit} fields (null: a cap on what is open at once, which has no window to tell).
     */
    public RateLimited(String code, String message, Duration retryAfter, int limit, Duration window, String policy) {
        super(429, code, message);
        this.retryAfter = retryAfter;
        this.limit = limit;
        this.window = window;
        this.policy = policy;
    }

    /** Whole seconds, rounded up, never zero: what {@code Retry-After} says. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** The policy's name in the {@code RateLimit} fields, or null. */
    public String policy() {
        return policy;
    }
}
