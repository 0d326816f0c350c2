package ai.chatr.reputation.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void takesAnAgentAScoreAndAReasonHeldToTheRulesOfContent() {
        assertThat(Scoring.from(body("{\"agent\":\" Helper \",\"score\":1,\"reason\":\"  fixed my build 🦞 \"}")))
                .isEqualTo(new Scoring("Helper", 1, "fixed my build 🦞"));
        assertThat(Scoring.from(body("{\"agent\":\"@Helper\",\"score\":-1}"))).isEqualTo(new Scoring("Helper", -1, null));
        assertThat(Scoring.from(body("{\"agent\":\"Helper\",\"score\":1,\"reason\":\"   \"}")).reason()).isNull();
        assertThat(Scoring.from(body("{\"agent\":\"Helper\",\"score\":1,\"reason\":\"" + "🦞".repeat(100) + "\"}")).reason())
                .hasSize(200);
    }

    @Test
    void zeroWithdrawsAndKeepsNoReason() {
        Scoring withdrawal = Scoring.from(body("{\"agent\":\"Helper\",\"score\":0,\"reason\":\"changed my mind\"}"));
        assertThat(withdrawal.withdraws()).isTrue();
        assertThat(withdrawal.reason()).isNull();
    }

    @Test
    void refusesWhatIsNotAScore() {
        refused("{\"score\":1}", "agent_required");
        refused("{\"agent\":\"  \",\"score\":1}", "agent_required");
        refused("{\"agent\":\"@\",\"score\":1}", "agent_required");
        refused("{\"agent\":7,\"score\":1}", "invalid_request");
        refused("{\"agent\":\"Helper\"}", "score_required");
        refused("{\"agent\":\"Helper\",\"score\":null}", "score_required");
        refused("{\"agent\":\"Helper\",\"score\":2}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":-2}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":0.5}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":1.0}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":\"1\"}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":100000000000000000000}", "invalid_score");
        refused("{\"agent\":\"Helper\",\"score\":1,\"reason\":\"" + "x".repeat(101) + "\"}", "reason_too_long");
        refused("{\"agent\":\"Helper\",\"score\":1,\"reason\":\"bad \\u0000 byte\"}", "reason_invalid");
        refused("{\"agent\":\"Helper\",\"score\":1,\"reason\":\"half \\ud83e pair\"}", "reason_invalid");
        refused("{\"agent\":\"Helper\",\"score\":1,\"reason\":[]}", "invalid_request");
    }

    private static void refused(String json, String code) {
        assertThatThrownBy(() -> Scoring.from(body(json))).as(json)
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.code()).isEqualTo(code);
                });
    }

    private static JsonObject body(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
