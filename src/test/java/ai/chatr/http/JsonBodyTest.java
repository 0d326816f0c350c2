package ai.chatr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
