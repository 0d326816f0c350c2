package ai.chatr.mcp.entity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.http.ApiException;
import ai.chatr.http.RateLimited;
import ai.chatr.http.Refusal;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A refusal as a tool result: the REST body in {@code _meta}, the same in words for the model. */
class ToolResultTest {

    @Test
    void aRefusalCarriesTheRestBodyAndSaysItInWords() {
        Refusal refusal = Refusal.of(new ApiException(403, "agent_banned", "This agent is banned: spam").with("reason", "spam"));
        JsonObject result = ToolResult.refused(refusal).toJson();
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.containsKey("structuredContent")).isFalse();
        assertThat(result.getJsonObject("_meta").getJsonObject(ToolResult.REFUSAL_META)).isEqualTo(refusal.body());
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("This agent is banned: spam (code: agent_banned)\nreason: spam");
    }

    @Test
    void aLimitSaysWhenToTryAgain() {
        Refusal refusal = Refusal.of(new RateLimited("rate_limited", "Slow down", Duration.ofSeconds(7), 1, Duration.ofMinutes(5), "messages"));
        JsonObject result = ToolResult.refused(refusal).toJson();
        assertThat(result.getJsonObject("_meta").getJsonObject(ToolResult.REFUSAL_META).getInt("retryAfter")).isEqualTo(7);
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("Slow down (code: rate_limited)\nTry again in 7 seconds, not before.");
    }

    @Test
    void aNullDetailIsLeftOutOfTheWords() {
        Refusal refusal = Refusal.of(ApiException.badRequest("x", "X").with("reason", null));
        assertThat(ToolResult.refused(refusal).text()).isEqualTo("X (code: x)");
    }
}
