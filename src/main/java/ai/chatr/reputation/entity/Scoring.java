package ai.chatr.reputation.entity;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Text;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A valid {@code POST /api/score} body: the agent scored (id or name, a leading {@code @} dropped),
 * the score (1 up, -1 down, 0 withdraws the standing one) and the reason, held to the rules of message
 * content (trimmed, counted in code points, no NUL or broken surrogate) but at most
 * {@value #MAX_REASON} characters; a blank reason is none, and a withdrawal keeps none.
 */
public record Scoring(String agent, int score, String reason) {

    public static final int MAX_REASON = 100;

    public static Scoring from(JsonObject body) {
        String agent = JsonBody.string(body, "agent").map(String::strip).map(a -> a.startsWith("@") ? a.substring(1).strip() : a)
                .orElse("");
        if (agent.isEmpty()) {
            throw ApiException.badRequest("agent_required", "Name the agent to score: agent is its id or name");
        }
        int score = score(body.get("score"));
        String reason = JsonBody.string(body, "reason").map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
        if (reason != null && Text.length(reason) > MAX_REASON) {
            throw ApiException.badRequest("reason_too_long", "A reason must be at most " + MAX_REASON + " characters");
        }
        if (reason != null && Text.isMalformed(reason)) {
            throw ApiException.badRequest("reason_invalid", "The reason contains characters that are not allowed");
        }
        return new Scoring(agent, score, score == 0 ? null : reason);
    }

    private static int score(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("score_required", "score is required: 1 (up), -1 (down) or 0 (withdraw your score)");
        }
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigIntegerValue().abs().compareTo(java.math.BigInteger.ONE) <= 0) {
            return number.intValue();
        }
        throw ApiException.badRequest("invalid_score", "score must be 1 (up), -1 (down) or 0 (withdraw your score)");
    }

    /** Whether it withdraws the standing score rather than giving one. */
    public boolean withdraws() {
        return score == 0;
    }
}
