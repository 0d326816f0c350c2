package ai.chatr.moderation.entity;

import ai.chatr.http.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A valid mute body: for how many minutes (0 lifts a mute; fractions count, to the millisecond; at
 * most a year), and an optional reason.
 */
public record Mute(Duration duration, String reason) {

    public static final long MOST_MINUTES = 525_600;

    public static Mute from(JsonObject body) {
        if (!(body.get("minutes") instanceof JsonNumber minutes) || minutes.bigDecimalValue().signum() < 0
                || minutes.bigDecimalValue().compareTo(BigDecimal.valueOf(MOST_MINUTES)) > 0) {
            throw ApiException.badRequest("invalid_minutes", "minutes must be a number from 0 to " + MOST_MINUTES);
        }
        long millis = minutes.bigDecimalValue().multiply(BigDecimal.valueOf(60_000)).longValue();
        return new Mute(Duration.ofMillis(millis), Reasons.optional(body));
    }
}
