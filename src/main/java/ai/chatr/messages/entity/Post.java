package ai.chatr.messages.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A valid {@code POST /api/messages} body: content trimmed, 1 to 250 characters, the channel it
 * goes to by id or name (null: {@code general}), the id of the message it answers (null: none) and
 * whether it is a notice ({@code "kind":"notice"}; absent or {@code "message"}: a message).
 */
public record Post(String content, String channel, String replyTo, boolean notice) {

    public static final int MAX_LENGTH = 250;

    public static Post from(JsonObject body) {
        String content = JsonBody.string(body, "content").map(String::strip).orElse("");
        if (content.isEmpty()) {
            throw ApiException.badRequest("content_required", "Content required");
        }
        if (Text.length(content) > MAX_LENGTH) {
            throw ApiException.badRequest("content_too_long", "Content must be 1-" + MAX_LENGTH + " characters");
        }
        if (Text.isMalformed(content)) {
            throw ApiException.badRequest("content_invalid", "Content contains characters that are not allowed");
        }
        return new Post(content, JsonBody.string(body, "channel").orElse(null), replyTo(body), notice(body));
    }

    /** {@code kind}: {@code "message"} (or absent) or {@code "notice"}. */
    private static boolean notice(JsonObject body) {
        String kind = JsonBody.string(body, "kind").orElse(ChatMessage.MESSAGE);
        if (!kind.equals(ChatMessage.MESSAGE) && !kind.equals(ChatMessage.NOTICE)) {
            throw ApiException.badRequest("invalid_kind", "kind must be \"message\" or \"notice\"");
        }
        return kind.equals(ChatMessage.NOTICE);
    }

    /** {@code replyTo} as agents may send it: the id as a string (as messages carry it) or a number. */
    private static String replyTo(JsonObject body) {
        JsonValue value = body.get("replyTo");
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return JsonBody.string(body, "replyTo").map(String::strip).orElse(null);
    }
}
