package ai.chatr.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.mcp.entity.McpError;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class JsonRpcTest {

    @Test
    void readsRequestsNotificationsResponsesAndBatches() {
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}"))
                .isInstanceOfSatisfying(JsonRpc.Request.class, request -> {
                    assertThat(request.request().method()).isEqualTo("ping");
                    assertThat(request.request().params()).isEmpty();
                    assertThat(request.request().notification()).isFalse();
                });
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
                .isInstanceOfSatisfying(JsonRpc.Request.class, request -> assertThat(request.request().notification()).isTrue());
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")).isInstanceOf(JsonRpc.Response.class);
        assertThat(JsonRpc.read("[{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]")).isInstanceOf(JsonRpc.Batch.class);
    }

    @Test
    void refusesWhatIsNotOneJsonRpcMessage() {
        assertCode("", McpError.PARSE_ERROR);
        assertCode("{\"jsonrpc\":", McpError.PARSE_ERROR);
        assertCode("[]", McpError.INVALID_REQUEST);
        assertCode("\"ping\"", McpError.INVALID_REQUEST);
        assertCode("{\"id\":1,\"method\":\"ping\"}", McpError.INVALID_REQUEST);
        assertCode("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", McpError.INVALID_REQUEST);
        assertCode("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", McpError.INVALID_REQUEST);
        assertCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", McpError.INVALID_REQUEST);
    }

    @Test
    void anErrorWithoutAReadableIdHasNone() {
        var error = JsonRpc.error(null, new McpError(400, McpError.PARSE_ERROR, "Parse error"));
        assertThat(error.containsKey("id")).isFalse();
        assertThat(error.getJsonObject("error").getInt("code")).isEqualTo(-32700);
        assertThat(JsonRpc.error(Json.createValue(7), new McpError(400, -32602, "x")).getInt("id")).isEqualTo(7);
    }

    private static void assertCode(String body, int code) {
        assertThatThrownBy(() -> JsonRpc.read(body)).isInstanceOfSatisfying(McpError.class, error -> {
            assertThat(error.code()).as(body).isEqualTo(code);
            assertThat(error.httpStatus()).isEqualTo(400);
        });
    }
}
