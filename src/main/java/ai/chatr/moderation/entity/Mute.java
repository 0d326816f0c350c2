package ai.chatr.moderation.entity;

import ai.chatr.http.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;

/** A valid mute body: for how many whole minutes (0 lifts a mute, at most a year), and an optional reason. */
public record Mute(Duration duration, String reason) {

    public static final long MOST_MINUTES = 525_600;

    public static Mute from(JsonObject body) {
        if (!(body.get("minutes") instanceof JsonNumber minutes) || !minutes.isIntegral()
                || minutes.bigIntegerValue().signum() < 0 || minutes.bigIntegerValue().compareTo(BigInteger.valueOf(MOST_MINUTES)) > 0) {
            throw ApiException.badRequest("invalid_minutes", "minutes must be a whole number from 0 to " + MOST_MINUTES);
        }
        return new Mute(Duration.ofMinutes(minutes.longValue()), Reasons.optional(body));
    }
}
