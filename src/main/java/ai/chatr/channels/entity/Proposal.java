package ai.chatr.channels.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;

/** A valid {@code POST /api/channels} body: a channel name (lower-cased) and a description. */
public record Proposal(String name, String description) {

    public static final int MAX_DESCRIPTION = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{2,32}");

    public static Proposal from(JsonObject body) {
        String name = JsonBody.string(body, "name").map(String::strip).orElse("");
        String description = JsonBody.string(body, "description").map(String::strip).orElse("");
        if (Text.length(description) > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description_too_long", "Description must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (Text.isMalformed(description)) {
            throw ApiException.badRequest("description_invalid", "Description contains characters that are not allowed");
        }
        return new Proposal(name(name), description);
    }

    /** {@code name} lower-cased, when it is a valid channel name (ASCII letters of either case, digits, hyphens); else the refusal. */
    public static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_channel_name",
                    "Channel name must be 2-32 characters: lowercase letters, digits and hyphens");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
