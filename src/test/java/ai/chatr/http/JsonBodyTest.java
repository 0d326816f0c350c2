package ai.chatr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies: one JSON object, with nothing after it but whitespace. */
class JsonBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"ok_name\"}", "{\"name\":\"ok_name\"} ", "\n {\"name\":\"ok_name\"}\r\n\t "})
    void anObjectWithWhitespaceAroundIsRead(String body) {
        assertThat(JsonBody.object(body).getString("name")).isEqualTo("ok_name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"ok_name\"} trailing", "{\"name\":\"ok_name\"}}", "{\"name\":\"ok_name\"}{}",
            "{\"name\":\"ok_name\"} \"x\"", "{\"name\":\"ok_name\"}0", "{\"name\":\"ok_name\"},", "{\"name\":\"ok_name\"}[",
            "[1] x", "\"text\" x", "{\"name\":", "{\"name\" \"x\"}", "nul"})
    void anythingElseAfterOrInsteadOfTheValueIsMalformed(String body) {
        assertThatThrownBy(() -> JsonBody.object(body))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.code()).isEqualTo("invalid_request");
                    assertThat(refusal.getMessage()).isEqualTo("Request body is not valid JSON.");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"name\"]", "\"just a string\"", "42", "null", " "})
    void wellFormedJsonThatIsNoObjectIsRefusedAsSuch(String body) {
        assertThatThrownBy(() -> JsonBody.object(body))
                .isInstanceOfSatisfying(ApiException.class,
                        refusal -> assertThat(refusal.getMessage()).isEqualTo("Request body must be a JSON object."));
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 1000, 100_000})
    void aBodyNestedTooDeeplyIsRefusedAsSuchNotAsAFailure(int depth) {
        String deep = "[".repeat(depth) + "]".repeat(depth);
        assertThatThrownBy(() -> JsonBody.object(deep))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.getMessage()).isEqualTo("Request body is nested too deeply: at most 32 levels.");
                });
        assertThatThrownBy(() -> JsonBody.object("{\"name\":" + deep + "}")).isInstanceOf(ApiException.class);
    }

    @Test
    void thirtyTwoLevelsAreRead() {
        String deep = "{\"a\":".repeat(32) + "1" + "}".repeat(32);
        assertThat(JsonBody.object(deep).containsKey("a")).isTrue();
        assertThat(JsonBody.value("[".repeat(32) + "]".repeat(32)).getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.ARRAY);
    }
}
