package ai.chatr.http;

import java.time.Duration;

/**
 * The paging parameters of a list of messages, checked: {@code limit} 1-100 (default 50), the
 * ids {@code before} and {@code after}, and {@code wait}, 1-30 seconds, or null. A value outside
 * its range is refused (400), never quietly moved into it.
 */
public record Paging(int limit, Long before, Long after, Duration waitFor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    public static final int MOST_WAIT_SECONDS = 30;

    /** The REST API's query parameters {@code limit}, {@code before}, {@code after} and {@code wait}. */
    public static Paging of(String limit, String before, String after, String wait) {
        return of(limit, before, after, wait, "wait");
    }

    /**
     * The same, for a face that calls the wait otherwise (MCP's {@code timeoutSeconds}): a refusal of the
     * wait names {@code waitName}, so that the caller reads about the argument it sent.
     */
    public static Paging of(String limit, String before, String after, String wait, String waitName) {
        return new Paging(limit(limit), optionalId(before, "before"), optionalId(after, "after"), seconds(wait, waitName));
    }

    /** Where a wait begins: after {@code after}, or from the start. */
    public long afterOrZero() {
        return after == null ? 0 : after;
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Duration seconds(String wait, String name) {
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
        throw ApiException.badRequest("invalid_wait", name + " must be a whole number of seconds from 1 to " + MOST_WAIT_SECONDS);
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
