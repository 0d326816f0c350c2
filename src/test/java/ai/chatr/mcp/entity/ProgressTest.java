package ai.chatr.mcp.entity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aTokenIsAStringOrAnInteger() {
        assertThat(Progress.token(withMeta("{\"progressToken\":\"abc\"}"))).isEqualTo(Json.createValue("abc"));
        assertThat(Progress.token(withMeta("{\"progressToken\":7}"))).isEqualTo(Json.createValue(7));
        assertThat(Progress.token(withMeta("{\"progressToken\":7.5}"))).isNull();
        assertThat(Progress.token(withMeta("{\"progressToken\":{}}"))).isNull();
        assertThat(Progress.token(withMeta("{\"progressToken\":null}"))).isNull();
        assertThat(Progress.token(withMeta("{}"))).isNull();
        assertThat(Progress.token(new RpcRequest(Json.createValue(1), "tools/call", JsonValue.EMPTY_JSON_OBJECT))).isNull();
    }

    @Test
    void aReportIsAProgressNotificationForTheToken() {
        List<JsonObject> sent = new ArrayList<>();
        Progress progress = new Progress(Json.createValue(7), notification -> sent.add(notification));

        assertThat(progress.wanted()).isTrue();
        assertThat(progress.report(5, 20, "still waiting")).isTrue();
        assertThat(sent).containsExactly(Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/progress")
                .add("params", Json.createObjectBuilder().add("progressToken", 7).add("progress", 5.0).add("total", 20.0)
                        .add("message", "still waiting")).build());
    }

    @Test
    void aClientThatHasGoneIsReportedAsSuch() {
        assertThat(new Progress(Json.createValue("t"), notification -> false).report(1, 2, "x")).isFalse();
    }

    @Test
    void withoutATokenOrAStreamNothingIsWantedOrSent() {
        List<JsonObject> sent = new ArrayList<>();
        Progress tokenless = new Progress(null, notification -> sent.add(notification));
        assertThat(tokenless.wanted()).isFalse();
        assertThat(tokenless.report(1, 2, "x")).isTrue();
        assertThat(new Progress(Json.createValue("t"), Notifier.NONE).wanted()).isFalse();
        assertThat(Progress.NONE.wanted()).isFalse();
        assertThat(sent).isEmpty();
    }

    private static RpcRequest withMeta(String meta) {
        JsonObject params = Json.createReader(new StringReader("{\"name\":\"wait_for_messages\",\"_meta\":" + meta + "}")).readObject();
        return new RpcRequest(Json.createValue(1), "tools/call", params);
    }
}
