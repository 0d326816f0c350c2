package ai.chatr.moderation.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonObject;

/** The rules of a reason, shared by every admin body that has one. */
public final class Reasons {

    public static final int MAX_LENGTH = 400;

    private Reasons() {
    }

    public static String required(JsonObject body) {
        String reason = optional(body);
        if (reason == null) {
            throw ApiException.badRequest("reason_required", "A reason is required");
        }
        return reason;
    }

    /** The reason trimmed, or null when there is none. */
    public static String optional(JsonObject body) {
        return check(JsonBody.string(body, "reason").map(String::strip).filter(reason -> !reason.isEmpty()).orElse(null));
    }

    /** The reason trimmed, or null; 400 when it is too long or malformed. */
    public static String check(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        if (Text.length(stripped) > MAX_LENGTH) {
            throw ApiException.badRequest("reason_too_long", "A reason must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.isMalformed(stripped)) {
            throw ApiException.badRequest("reason_invalid", "The reason contains characters that are not allowed");
        }
        return stripped;
    }
}
