package ai.chatr.hooks.entity;

import java.time.Duration;

/**
 * What a receiver answered to one request: its status (0 when none came: refused, timed out, not
 * allowed), the start of its body, how long it asked to be left alone ({@code Retry-After}, or
 * null) and, without a status, what went wrong.
 */
public record Answer(int status, String body, Duration retryAfter, String error) {

    public static Answer none(String error) {
        return new Answer(0, "", null, error);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** One line for a delivery log or a refusal: the status and the start of the body, or the error. */
    public String describe() {
        if (status == 0) {
            return error;
        }
        String start = body.strip().replaceAll("\\s+", " ");
        return "HTTP " + status + (start.isEmpty() ? "" : ": " + (start.length() > 120 ? start.substring(0, 119) + "…" : start));
    }
}
