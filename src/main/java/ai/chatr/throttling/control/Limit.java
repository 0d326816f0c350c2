package ai.chatr.throttling.control;

import java.time.Duration;

/**
 * At most {@code count} events per sliding {@code window}; {@code code} and {@code message} are
 * what the caller is told when the limit is hit.
 */
public record Limit(int count, Duration window, String code, String message) {

    public Limit {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A limit needs a positive count and window: " + count + " per " + window);
        }
    }
}
