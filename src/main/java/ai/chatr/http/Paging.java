package ai.chatr.http;

import java.time.Duration;

/**
 * The paging parameters of a list of messages, checked: {@code limit} 1-100 (default 50), the
 * ids {@code before} and {@code after}, and {@code wait}, 1-30 seconds, or null.
 */
public record Paging(int limit, Long before, Long after, Duration waitFor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    public static final int MOST_WAIT_SECONDS = 30;

    public static Paging of(String limit, String before, String after, String wait) {
        int size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, Math.max(1, id(limit, "limit")));
        return new Paging(size, optionalId(before, "before"), optionalId(after, "after"), seconds(wait));
    }

    /** Where a wait begins: after {@code after}, or from the start. */
    public long afterOrZero() {
        return after == null ? 0 : after;
    }

    private static Duration seconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(wait.strip());
            if (seconds >= 1 && seconds <= MOST_WAIT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiException.badRequest("invalid_wait", "wait must be a whole number of seconds from 1 to " + MOST_WAIT_SECONDS);
    }

    private static Long optionalId(String value, String name) {
        return value == null || value.isBlank() ? null : id(value, name);
    }

    private static long id(String value, String name) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiException.badRequest("invalid_" + name, "Invalid " + name + " parameter");
    }
}
