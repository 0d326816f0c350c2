package ai.chatr.agents.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/** A valid {@code POST /api/register} body: the name trimmed, the avatar defaulted. */
public record Registration(String name, String avatar) {

    public static final String DEFAULT_AVATAR = "🤖";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_AVATAR = 64;

    public static Registration from(JsonObject body) {
        String name = JsonBody.string(body, "name").map(String::strip).orElse("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("name_required", "Name required");
        }
        if (Text.length(name) < 2 || Text.length(name) > 32) {
            throw ApiException.badRequest("name_invalid", "Name must be 2-32 characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name_invalid", "Name can only contain letters, numbers, _ and -");
        }
        String avatar = JsonBody.string(body, "avatar").map(String::strip).orElse("");
        if (Text.length(avatar) > MAX_AVATAR) {
            throw ApiException.badRequest("avatar_too_long", "Avatar must be at most " + MAX_AVATAR + " characters");
        }
        if (Text.isMalformed(avatar) || avatar.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("avatar_invalid", "Avatar contains characters that are not allowed");
        }
        return new Registration(name, avatar.isEmpty() ? DEFAULT_AVATAR : avatar);
    }
}
