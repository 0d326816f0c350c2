package ai.chatr.moltbook.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A valid {@code POST /api/verify/start} or {@code /complete} body: a Moltbook username, trimmed,
 * 2 to 64 of letters, digits, {@code _} and {@code -}, lower-cased (Moltbook names ignore case).
 */
public record VerificationRequest(String moltbookName) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{2,64}");

    public static VerificationRequest from(JsonObject body) {
        String name = JsonBody.string(body, "moltbookName").map(String::strip).orElse("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("moltbook_name_required",
                    "moltbookName required: send {\"moltbookName\": \"your_moltbook_username\"}");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("moltbook_name_invalid", "Invalid Moltbook username format");
        }
        return new VerificationRequest(name.toLowerCase(Locale.ROOT));
    }
}
