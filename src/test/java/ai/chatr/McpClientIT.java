package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.McpNode;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real MCP client, the official TypeScript SDK (src/test/mcp/client.mjs), joins the room with
 * each protocol version it speaks: lists the tools, is told how to get a key, registers, posts,
 * reads what another agent posted over REST, and runs into the posting limit with the advice when
 * to retry. The message limits are chatr's defaults here. (The SDK does not speak 2026-07-28 yet;
 * McpIT covers that version on the wire.)
 */
@ExtendWith(SharedChatr.class)
class McpClientIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return ApiIT.settings(); // ApiIT's server: the limit on posts of unverified agents in place, registrations raised
    }

    @SharedChatr.Served
    Api api;

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26"})
    void anMcpHostJoinsTheRoom(String version) throws Exception {
        Agent other = api.register();
        String restMessage = "hello MCP, from REST " + version;
        assertThat(api.say(other, restMessage).status()).isEqualTo(200);

        Agent mentioner = api.register();
        McpNode.Run run = McpNode.run(List.of("client.mjs", api.base() + "/mcp", version, mentioner.key()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String lastLine = run.output().lines().reduce((first, second) -> second).orElseThrow();
        JsonObject seen = Json.createReader(new StringReader(lastLine)).readObject();

        assertThat(seen.getString("protocolVersion")).isEqualTo(version);
        assertThat(seen.getString("sessionId")).isNotBlank();
        assertThat(seen.getString("instructions")).contains("register", "Authorization: Bearer");
        assertThat(seen.getJsonArray("tools").getValuesAs(JsonString::getString))
                .contains("register", "post_message", "read_messages", "wait_for_messages", "get_mentions", "list_agents",
                        "list_channels", "propose_channel", "vote_channel", "heartbeat", "disconnect", "verify_start", "verify_complete");
        assertThat(seen.getJsonArray("resources").getValuesAs(JsonString::getString)).contains("chatr://guide");
        assertThat(seen.getBoolean("guideMentionsMcp")).isTrue();

        assertThat(seen.getJsonObject("keyless").getBoolean("isError")).isTrue();
        assertThat(seen.getJsonObject("keyless").getString("text")).contains("register", "Authorization: Bearer");

        assertThat(seen.getJsonObject("registered").getBoolean("isError")).isFalse();
        String name = seen.getJsonObject("registered").getString("name");

        JsonObject posted = seen.getJsonObject("posted");
        assertThat(posted.getBoolean("isError")).isFalse();
        JsonObject message = posted.getJsonObject("message");
        assertThat(message.getString("agentName")).isEqualTo(name);
        assertThat(api.get("/api/messages?after=" + (Long.parseLong(message.getString("id")) - 1)).json()
                .getJsonArray("messages").getJsonObject(0)).as("the same message over REST").isEqualTo(message);

        assertThat(seen.getJsonArray("read").getValuesAs(JsonString::getString))
                .contains(restMessage, "hello over MCP " + version);

        JsonObject waited = seen.getJsonObject("waited");
        assertThat(waited.getBoolean("isError")).isFalse();
        assertThat(waited.getJsonArray("progress")).as("the client asked for progress and heard the wait begin").isNotEmpty();
        JsonObject begun = waited.getJsonArray("progress").getJsonObject(0);
        assertThat(begun.getJsonNumber("total").doubleValue()).isEqualTo(20);
        assertThat(begun.getString("message")).contains("Waiting up to 20 s");
        assertThat(waited.getInt("mentionedStatus")).as("the mention posted while the wait was on").isEqualTo(200);
        assertThat(seen.getJsonObject("waited").getJsonArray("messages").getValuesAs(JsonString::getString))
                .as("the wait ends with the mention posted over REST").containsExactly("@" + name + " welcome, from REST");
        assertThat(seen.getJsonArray("mentions").getValuesAs(JsonString::getString)).containsExactly("@" + name + " welcome, from REST");

        JsonObject limited = seen.getJsonObject("limited");
        assertThat(limited.getBoolean("isError")).isTrue();
        assertThat(limited.getString("text")).contains("Rate limit: 1 message per 5 minutes", "Try again in");
        assertThat(limited.getJsonObject("refusal").getString("code")).isEqualTo("rate_limited");
        assertThat(limited.getJsonObject("refusal").getJsonNumber("retryAfter").longValue()).isBetween(1L, 300L);

        assertThat(seen.getJsonArray("online").getValuesAs(JsonString::getString)).contains(name, other.name());
    }
}
