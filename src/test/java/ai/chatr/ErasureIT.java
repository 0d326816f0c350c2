package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent erasing its account, and the operator erasing one: wherever the agent and its messages
 * showed (history, paging, another agent's inbox, every stream, the agent list, its profile over REST
 * and on the page, its claims, its own {@code for=me} stream and its key), they are gone; its name is
 * held for {@code chatr.agents.name-hold} (four seconds here), then free. A wrong or missing
 * confirmation changes nothing. On {@link ModerationIT}'s server (its settings, the operator's token).
 */
@ExtendWith(SharedChatr.class)
class ErasureIT {

    static final String NAME_HOLD = "PT4S";

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return ModerationIT.settings();
    }

    @SharedChatr.Served
    Api api;

    @Test
    void anErasedAgentLeavesEveryPlaceItShowedAndItsNameIsHeldThenFree() {
        Admin admin = new Admin(api);
        Agent leaving = api.register(Api.uniqueName("Leaving"));
        Agent other = api.register(Api.uniqueName("Other"));
        try (EventStream room = stream("", new String[0]);
             EventStream mine = stream("?for=me", auth(leaving))) {
            await().atMost(EventStream.patience()).until(() -> !room.ofType("history").isEmpty() && !mine.ofType("history").isEmpty());
            long mention = id(api.say(leaving, "hello @" + other.name() + ", remember me"));
            long second = id(api.say(leaving, "my second words"));
            long kept = id(api.say(other, "the other agent's message, @" + leaving.name()));
            assertThat(api.post("/api/messages/" + kept + "/claim", null, auth(leaving)).status()).isEqualTo(200);
            await().atMost(EventStream.patience()).until(() -> room.messageIds().contains(kept) && mine.messageIds().contains(kept));
            assertThat(api.messageIds("/api/mentions", auth(other))).contains(mention);
            assertThat(listed()).contains(leaving.name());

            for (String body : List.of("{\"confirm\":\"" + other.name() + "\"}", "{}", "{\"confirm\":7}", "")) {
                Reply refused = eraseOwn(leaving, body);
                assertThat(refused.status()).as(body + ": " + refused).isEqualTo(400);
                assertThat(refused.code()).isEqualTo("confirmation_required");
                assertThat(refused.json().getBoolean("success")).isFalse();
            }
            assertThat(api.get("/api/mentions", auth(leaving)).status()).as("nothing changed").isEqualTo(200);
            assertThat(api.messageIds("/api/messages?limit=100")).contains(mention, second);

            Reply erased = eraseOwn(leaving, "{\"confirm\":\"" + leaving.name().toLowerCase(Locale.ROOT) + "\"}");
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            assertThat(erased.json().getBoolean("success")).isTrue();
            assertThat(erased.json().getString("agentId")).isEqualTo(leaving.id());
            assertThat(erased.json().getInt("messagesDeleted")).isEqualTo(2);

            assertRefused(api.get("/api/mentions", auth(leaving)), 401, "invalid_api_key", "Invalid API key");
            assertRefused(api.say(leaving, "still here?"), 401, "invalid_api_key", "Invalid API key");
            await().atMost(EventStream.patience()).until(mine::ended);
            await().atMost(EventStream.patience()).until(() -> room.deletedIds().containsAll(List.of(mention, second)));

            assertThat(api.messageIds("/api/messages?limit=100")).contains(kept).doesNotContain(mention, second);
            assertThat(api.messageIds("/api/messages?after=" + (mention - 1) + "&limit=5")).doesNotContain(mention, second).contains(kept);
            assertThat(api.messageIds("/api/mentions", auth(other))).doesNotContain(mention);
            try (EventStream fresh = stream("", new String[0])) {
                await().atMost(EventStream.patience()).until(() -> !fresh.ofType("history").isEmpty());
                assertThat(fresh.historyIds()).contains(kept).doesNotContain(mention, second);
            }
            assertThat(listed()).doesNotContain(leaving.name());
            for (String profile : List.of("/api/reputation/" + leaving.id(), "/api/reputation/" + leaving.name())) {
                assertRefused(api.get(profile), 404, "agent_not_found", "There is no agent with this id or name");
            }
            assertThat(api.get("/spectator/agents/" + leaving.id()).status()).isEqualTo(404);
            assertThat(api.get("/spectator/agents/named/" + leaving.name()).status()).isEqualTo(404);
            assertThat(api.post("/api/messages/" + kept + "/claim", null, auth(other)).status())
                    .as("its claim ended with it").isEqualTo(200);

            JsonObject audited = admin.get("/api/admin/audit?limit=100").json().getJsonArray("entries").getValuesAs(JsonObject.class)
                    .stream().filter(e -> e.getString("target").equals(leaving.id())).findFirst().orElseThrow();
            assertThat(audited.getString("action")).isEqualTo("erase_agent");
            assertThat(audited.toString()).doesNotContain(leaving.name(), "remember me");

            for (String name : List.of(leaving.name(), leaving.name().toUpperCase(Locale.ROOT))) {
                assertRefused(api.post("/api/register", Api.object("name", name).toString()), 409, "name_taken", "Name already taken");
            }
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.post("/api/register", Api.object("name", leaving.name()).toString()).status() == 200);
    }

    @Test
    void theOperatorErasesAnAgentByNameOrIdWithoutABody() {
        Admin admin = new Admin(api);
        Agent agent = api.register(Api.uniqueName("Erased"));
        long said = id(api.say(agent, "words the operator removes"));
        assertRefused(api.send("DELETE", "/api/agents/me", HttpRequest.BodyPublishers.noBody()), 401, "unauthorized",
                "Invalid API key. Use: Authorization: Bearer YOUR_KEY");

        Reply erased = admin.delete("/api/admin/agents/" + agent.name());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().getInt("messagesDeleted")).isEqualTo(1);
        assertRefused(api.get("/api/mentions", auth(agent)), 401, "invalid_api_key", "Invalid API key");
        assertThat(api.messageIds("/api/messages?limit=100")).doesNotContain(said);
        for (String gone : List.of(agent.name(), agent.id(), "nobody_at_all")) {
            assertRefused(admin.delete("/api/admin/agents/" + gone), 404, "agent_not_found", "There is no agent with this id or name");
        }
        Agent another = api.register(Api.uniqueName("ErasedById"));
        assertThat(admin.delete("/api/admin/agents/" + another.id()).status()).isEqualTo(200);
        assertThat(listed()).doesNotContain(another.name());
    }

    // --- helpers ---

    private Reply eraseOwn(Agent agent, String body) {
        return api.send("DELETE", "/api/agents/me", HttpRequest.BodyPublishers.ofString(body), "Content-Type", "application/json",
                "Authorization", "Bearer " + agent.key());
    }

    private EventStream stream(String query, String[] headers) {
        return EventStream.open(URI.create(api.base() + "/api/stream" + query), headers);
    }

    private List<String> listed() {
        return api.get("/api/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("name")).toList();
    }

    private static long id(Reply posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return Long.parseLong(posted.json().getJsonObject("message").getString("id"));
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }
}
