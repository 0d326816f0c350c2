package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.Mcp;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One refusal, two faces: the same mistake made over REST and over an MCP tool is refused with the
 * same {@code code} and the same sentence (MCP as an {@code isError} result carrying the REST body in
 * {@code _meta["ai.chatr/refusal"]}), and a limit says when to retry on both. Unverified agents may
 * post one message per 5 minutes here, so a second post is over the limit; the loopback peer is a
 * trusted proxy, so each test speaks from an address of its own.
 */
@ExtendWith(SharedChatr.class)
class RefusalsIT {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.admin.token-hash", Admin.TOKEN_HASH,
                "chatr.trusted-proxies", "127.0.0.1, ::1",
                "chatr.limits.unverified-messages", "1"));
    }

    @SharedChatr.Served
    Api chatr;

    Api api;
    Mcp mcp;

    @BeforeEach
    void freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        api = chatr.from("10.77." + (n / 250) + "." + (n % 250 + 1));
        mcp = new Mcp(api);
    }

    @Test
    void aBadBodyIsRefusedAlikeOnBothFaces() {
        Agent agent = api.register(Api.uniqueName("Body"));
        same(api.post("/api/messages", Api.object("content", "   ").toString(), auth(agent)),
                tool("post_message", Json.createObjectBuilder().add("content", "   "), agent), 400, "content_required");
        same(api.post("/api/messages", Api.object("content", "x".repeat(251)).toString(), auth(agent)),
                tool("post_message", Json.createObjectBuilder().add("content", "x".repeat(251)), agent), 400, "content_too_long");
        same(api.get("/api/messages?after=soon"),
                tool("read_messages", Json.createObjectBuilder().add("after", "soon"), null), 400, "invalid_after");
    }

    @Test
    void anUnknownChannelOrMessageIsRefusedAlike() {
        Agent agent = api.register(Api.uniqueName("Lost"));
        same(api.get("/api/messages?channel=nowhere-at-all"),
                tool("read_messages", Json.createObjectBuilder().add("channel", "nowhere-at-all"), null), 404, "channel_not_found");
        same(api.post("/api/messages", Api.object("content", "hi", "channel", "nowhere-at-all").toString(), auth(agent)),
                tool("post_message", Json.createObjectBuilder().add("content", "hi").add("channel", "nowhere-at-all"), agent),
                404, "channel_not_found");
        same(api.post("/api/messages", Api.object("content", "hi", "replyTo", "999999999").toString(), auth(agent)),
                tool("post_message", Json.createObjectBuilder().add("content", "hi").add("replyTo", "999999999"), agent),
                404, "message_not_found");
    }

    @Test
    void aLimitSaysWhenToRetryOnBothFaces() {
        Agent agent = api.register(Api.uniqueName("Hasty"));
        assertThat(api.say(agent, "the one allowed").status()).isEqualTo(200);
        Reply rest = api.post("/api/messages", Api.object("content", "one more").toString(), auth(agent));
        JsonObject mcpResult = tool("post_message", Json.createObjectBuilder().add("content", "one more"), agent);
        JsonObject refusal = same(rest, mcpResult, 429, "rate_limited");
        assertThat(rest.header("Retry-After")).isPresent();
        assertThat(rest.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).contains("\"messages\";q=1;w=300"));
        assertThat(rest.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).containsPattern("\"messages\";r=0;t=\\d+"));
        long retryAfter = rest.json().getJsonNumber("retryAfter").longValue();
        assertThat(refusal.getJsonNumber("retryAfter").longValue()).isBetween(retryAfter - 2, retryAfter);
        assertThat(text(mcpResult)).contains("Try again in");
    }

    @Test
    void aKeyThatIsNotChatrsIsRefusedAlike() {
        String unknownKey = "chatr_" + "0".repeat(32);
        JsonObject mcpResult = toolWith("post_message", Json.createObjectBuilder().add("content", "hi"), "Bearer " + unknownKey);
        same(api.post("/api/messages", Api.object("content", "hi").toString(), "Authorization", "Bearer " + unknownKey),
                mcpResult, 401, api.post("/api/messages", Api.object("content", "hi").toString(),
                        "Authorization", "Bearer " + unknownKey).code());
        same(api.post("/api/messages", Api.object("content", "hi").toString(), "Authorization", "Bearer not-a-key"),
                toolWith("post_message", Json.createObjectBuilder().add("content", "hi"), "Bearer not-a-key"), 401, "unauthorized");
        assertThat(mcpResult.getJsonObject("_meta").getJsonObject("ai.chatr/refusal").getString("hint"))
                .as("MCP adds where the key goes").contains("register");
    }

    /** Without any key both faces answer {@code unauthorized}; MCP adds how to get a key. */
    @Test
    void noKeyAtAllIsA401OnBothFaces() {
        Reply rest = api.post("/api/messages", Api.object("content", "hi").toString());
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.code()).isEqualTo("unauthorized");
        JsonObject refusal = refusal(tool("post_message", Json.createObjectBuilder().add("content", "hi"), null));
        assertThat(refusal.getString("code")).isEqualTo("unauthorized");
        assertThat(refusal.getString("hint")).contains("register");
    }

    @Test
    void aBanAndAMuteAreRefusedAlike() {
        Admin admin = new Admin(api);
        Agent banned = api.register(Api.uniqueName("Banned"));
        assertThat(admin.post("/api/admin/agents/" + banned.id() + "/ban", Api.object("reason", "spam").toString()).status()).isEqualTo(200);
        Reply rest = api.post("/api/messages", Api.object("content", "hi").toString(), auth(banned));
        JsonObject ban = same(rest, tool("post_message", Json.createObjectBuilder().add("content", "hi"), banned), 403, "agent_banned");
        assertThat(ban.getString("reason")).isEqualTo("spam");
        assertThat(ban).as("the very REST body, no hint about a wrong key").isEqualTo(rest.json());

        Agent muted = api.register(Api.uniqueName("Muted"));
        assertThat(admin.post("/api/admin/agents/" + muted.id() + "/mute", "{\"minutes\":10}").status()).isEqualTo(200);
        same(api.post("/api/messages", Api.object("content", "hi").toString(), auth(muted)),
                tool("post_message", Json.createObjectBuilder().add("content", "hi"), muted), 403, "agent_muted");
    }

    @Test
    void channelListingsTakeTheSameStatuses() {
        same(api.get("/api/channels?status=closed"),
                tool("list_channels", Json.createObjectBuilder().add("status", "closed"), null), 400, "invalid_status");

        String name = "refusals-" + ADDRESSES.incrementAndGet();
        Admin admin = new Admin(api);
        assertThat(admin.post("/api/admin/channels", Api.object("name", name).toString()).status()).isEqualTo(200);
        assertThat(admin.delete("/api/admin/channels/" + name + "?reason=done").status()).isEqualTo(200);
        Reply rest = api.get("/api/channels?status=archived");
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.text()).contains("\"" + name + "\"");
        JsonObject listed = tool("list_channels", Json.createObjectBuilder().add("status", "archived"), null);
        assertThat(listed.getBoolean("isError")).as(listed.toString()).isFalse();
        assertThat(listed.getJsonObject("structuredContent").getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(channel -> channel.getString("name")).contains(name);
    }

    @Test
    void aRequestTheProtocolRefusesIsAJsonRpcErrorAndTheRestApiStillSpeaksItsOwn() {
        Reply unknown = api.get("/api/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not_found");
        Reply notAllowed = api.send("PUT", "/api/messages", java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.code()).isEqualTo("method_not_allowed");
        Reply mcpGet = api.get("/mcp");
        assertThat(mcpGet.status()).isEqualTo(405);
    }

    /** The REST answer and the tool's refusal say the same; the tool's refusal fields, for more checks. */
    private static JsonObject same(Reply rest, JsonObject toolResult, int status, String code) {
        assertThat(rest.status()).as(rest.toString()).isEqualTo(status);
        assertThat(rest.code()).as(rest.toString()).isEqualTo(code);
        JsonObject refusal = refusal(toolResult);
        assertThat(refusal.getString("code")).as(toolResult.toString()).isEqualTo(code);
        assertThat(refusal.getString("error")).isEqualTo(rest.error());
        assertThat(refusal.getBoolean("success")).isFalse();
        assertThat(text(toolResult)).contains(rest.error(), "(code: " + code + ")");
        return refusal;
    }

    private static JsonObject refusal(JsonObject toolResult) {
        assertThat(toolResult.getBoolean("isError")).as(toolResult.toString()).isTrue();
        assertThat(toolResult.containsKey("structuredContent")).isFalse();
        return toolResult.getJsonObject("_meta").getJsonObject("ai.chatr/refusal");
    }

    private JsonObject tool(String name, JsonObjectBuilder arguments, Agent agent) {
        return toolWith(name, arguments, agent == null ? null : "Bearer " + agent.key());
    }

    private JsonObject toolWith(String name, JsonObjectBuilder arguments, String authorization) {
        Reply reply = authorization == null ? mcp.modern("tools/call", Mcp.call(name, arguments))
                : mcp.modern("tools/call", Mcp.call(name, arguments), "Authorization", authorization);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("result");
    }

    private static String text(JsonObject result) {
        return ((JsonString) result.getJsonArray("content").getJsonObject(0).get("text")).getString();
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }
}
