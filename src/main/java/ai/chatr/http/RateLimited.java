package ai.chatr.http;

import java.time.Duration;

/**
 * A 429: the caller may try again after {@code retryAfter}. Carries the limit that was hit so
 * that the answer can name it in the {@code RateLimit} headers.
 */
public class RateLimited extends ApiException {

    private final Duration retryAfter;
    private final int limit;
    private final Duration window;

    public RateLimited(String code, String message, Duration retryAfter, int limit, Duration window) {
        super(429, code, message);
        this.retryAfter = retryAfter;
        this.limit = limit;
        this.window = window;
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
}
