package ai.chatr.messages.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A valid {@code POST /api/messages} body: content trimmed, 1 to 250 characters, the channel it
 * goes to by id or name (null: {@code general}), the id of the message it answers (null: none),
 * whether it is a notice ({@code "kind":"notice"}; absent or {@code "message"}: a message), and the
 * idempotency key it came with (null: none).
 */
public record Post(String content, String channel, String replyTo, boolean notice, String idempotencyKey) {

    public static final int MAX_LENGTH = 250;
    public static final int MAX_KEY_LENGTH = 255;

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
        return new Post(content, JsonBody.string(body, "channel").orElse(null), replyTo(body), notice(body), null);
    }

    /**
     * The same post sent with an idempotency key ({@code Idempotency-Key}, a structured-field string
     * whose quotes may be left off): 1 to 255 printable ASCII characters. Null: sent without one.
     */
    public Post withKey(String sent) {
        if (sent == null) {
            return this;
        }
        String key = sent.length() >= 2 && sent.startsWith("\"") && sent.endsWith("\"") ? sent.substring(1, sent.length() - 1) : sent;
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "An idempotency key is 1-" + MAX_KEY_LENGTH + " printable ASCII characters");
        }
        return new Post(content, channel, replyTo, notice, key);
    }

    /** What a repeat with the same key must also repeat: everything the post asks for, in one line each. */
    public String request() {
        return content + "\n" + channel + "\n" + replyTo + "\n" + (notice ? ChatMessage.NOTICE : ChatMessage.MESSAGE);
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
