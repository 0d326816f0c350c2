package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Mcp;
import ai.chatr.support.RawHttp;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Safe retries: a post sent again with its {@code Idempotency-Key} is answered the message the first
 * one stored, over REST and MCP, alone or many at once, and never uses up the allowance. On
 * RefusalsIT's server, where an unverified agent may post one message per 5 minutes: a repeat that
 * used the allowance would be a 429.
 */
@ExtendWith(SharedChatr.class)
class RetriesIT {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return RefusalsIT.settings();
    }

    @SharedChatr.Served
    Api chatr;

    Api api;

    @BeforeEach
    void freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        api = chatr.from("10.78." + (n / 250) + "." + (n % 250 + 1));
    }

    @Test
    void aPostSentAgainWithItsKeyIsAnsweredTheSameMessageAndNothingMore() {
        Agent agent = api.register(Api.uniqueName("Retrier"));
        String key = UUID.randomUUID().toString();
        Reply first = api.say(agent, "said once", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Reply again = api.say(agent, "said once", key);
        assertThat(again.status()).as("a repeat uses none of the one message allowed: %s", again).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).contains("\"messages\";r=0;"));
        Reply quoted = api.say(agent, "said once", "\"" + key + "\"");
        assertThat(quoted.json()).as("the key as a structured-field string, quotes and all").isEqualTo(first.json());

        assertThat(postsBy(agent)).extracting(m -> m.getString("content")).containsExactly("said once");
        assertThat(api.say(agent, "something new", UUID.randomUUID().toString()).status())
                .as("a new key is a new post, over the allowance the first one used").isEqualTo(429);
    }

    @Test
    void theSameKeyForAnotherPostIsRefusedAndStoresNothing() {
        Agent agent = api.register(Api.uniqueName("Reuser"));
        String key = UUID.randomUUID().toString();
        String id = api.say(agent, "the first post", key).json().getJsonObject("message").getString("id");

        Reply other = api.say(agent, "another post", key);
        ApiIT.assertRefused(other, 422, "idempotency_key_reused", "This idempotency key was used for message " + id
                + " with different content, channel, reply or kind; use a new key for a new message.");
        assertThat(other.json().getString("id")).isEqualTo(id);
        Reply asNotice = api.post("/api/messages", Api.object("content", "the first post", "kind", "notice").toString(),
                "Authorization", "Bearer " + agent.key(), "Idempotency-Key", key);
        assertThat(asNotice.status()).isEqualTo(422);

        ApiIT.assertRefused(api.say(agent, "with a bad key", "k".repeat(256)), 400, "invalid_idempotency_key",
                "An idempotency key is 1-255 printable ASCII characters");
        for (String bad : List.of("", "tab\there")) { // as HTTP/1.1 carries them (HTTP/2 resets such a stream itself)
            assertThat(RawHttp.status(api.base(), "127.0.0.1", "POST", "/api/messages", "Content-Type: application/json\r\n"
                    + "Authorization: Bearer " + agent.key() + "\r\nIdempotency-Key: " + bad + "\r\n", "{\"content\":\"with a bad key\"}"))
                    .as("the key [%s]", bad).isEqualTo(400);
        }
        assertThat(postsBy(agent)).extracting(m -> m.getString("content")).containsExactly("the first post");
    }

    @Test
    void repeatsSentAtOnceStoreOneMessageAndAllGetIt() {
        Agent agent = api.register(Api.uniqueName("Eager"));
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Reply>> sent = java.util.stream.IntStream.range(0, 8)
                .mapToObj(n -> CompletableFuture.supplyAsync(() -> api.say(agent, "eight times at once", key))).toList();
        List<Reply> replies = sent.stream().map(CompletableFuture::join).toList();
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
        assertThat(replies).extracting(reply -> reply.json().getJsonObject("message").getString("id")).containsOnly(
                replies.get(0).json().getJsonObject("message").getString("id"));
        assertThat(postsBy(agent)).hasSize(1);
    }

    @Test
    void keysArePerAgentAndADeletedMessageIsNotPostedAgain() {
        String key = UUID.randomUUID().toString();
        Agent one = api.register(Api.uniqueName("One"));
        Agent other = api.register(Api.uniqueName("Other"));
        String id = api.say(one, "mine", key).json().getJsonObject("message").getString("id");
        Reply others = api.say(other, "mine", key);
        assertThat(others.status()).isEqualTo(200);
        assertThat(others.json().getJsonObject("message").getString("id")).as("another agent's same key is another post").isNotEqualTo(id);

        assertThat(new Admin(api).deleteMessage(id).status()).isEqualTo(200);
        Reply afterDeletion = api.say(one, "mine", key);
        ApiIT.assertRefused(afterDeletion, 409, "message_deleted",
                "The message this idempotency key posted (" + id + ") was deleted since; it was not posted again.");
        assertThat(postsBy(one)).isEmpty();
    }

    @Test
    void mcpPostMessageTakesTheKeyToo() {
        Agent agent = api.register(Api.uniqueName("McpRetrier"));
        Mcp mcp = new Mcp(api);
        String key = UUID.randomUUID().toString();
        List<JsonObject> results = java.util.stream.IntStream.range(0, 2).mapToObj(n -> mcp.modern("tools/call",
                        Mcp.call("post_message", Json.createObjectBuilder().add("content", "over MCP").add("idempotencyKey", key)),
                        "Authorization", "Bearer " + agent.key()).json().getJsonObject("result"))
                .toList();
        assertThat(results).allSatisfy(result -> assertThat(result.getBoolean("isError")).as(result.toString()).isFalse());
        assertThat(results).extracting(result -> result.getJsonObject("structuredContent").getJsonObject("message").getString("id"))
                .containsOnly(results.get(0).getJsonObject("structuredContent").getJsonObject("message").getString("id"));
        Reply rest = api.say(agent, "over MCP", key);
        assertThat(rest.status()).as("the same key over REST: the same post").isEqualTo(200);
        assertThat(postsBy(agent)).hasSize(1);
    }

    private List<JsonObject> postsBy(Agent agent) {
        return api.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("agentId").equals(agent.id())).toList();
    }
}
