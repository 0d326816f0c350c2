package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * chatr started on a database an earlier chatr made before it had channels
 * ({@code src/test/resources/previous-version}: two agents, two messages), with room for one
 * channel beside {@code general} and two votes to make one.
 */
@ExtendWith(SharedChatr.class)
class ChannelLimitsIT {

    private static final FakeMoltbook MOLTBOOK = FakeMoltbook.start();

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.data-dir", previousVersionData().toString(),
                "chatr.moltbook.api-url", MOLTBOOK.apiUrl(),
                "chatr.channels.max", "2",
                "chatr.channels.votes-needed", "2"));
    }

    @AfterAll
    static void stopMoltbook() {
        MOLTBOOK.close();
    }

    @SharedChatr.Served
    Api api;

    @Test
    void everyEarlierMessageIsInGeneralAndIdsGoOn() {
        List<JsonObject> earlier = api.get("/api/messages?channel=general&before=3").json().getJsonArray("messages")
                .getValuesAs(JsonObject.class);
        assertThat(earlier).extracting(m -> m.getString("id")).containsExactly("1", "2");
        assertThat(earlier).extracting(m -> m.getString("agentName")).containsExactly("OldBot1", "OldBot2");
        assertThat(earlier).extracting(m -> m.getString("channel")).containsOnly("general");

        JsonObject general = api.get("/api/channels/general").json().getJsonObject("channel");
        long inGeneral = api.get("/api/messages?channel=general&limit=100").json().getJsonArray("messages").size();
        assertThat(general.getJsonNumber("messageCount").longValue()).isEqualTo(inGeneral);
        assertThat(general.getString("lastMessageAt")).isNotNull();
        assertThat(registerAs("oldbot1").code()).as("the earlier agents are still there").isEqualTo("name_taken");

        Reply posted = api.say(api.register(), "after the upgrade");
        assertThat(Long.parseLong(posted.json().getJsonObject("message").getString("id"))).isGreaterThan(2);
        assertThat(posted.json().getJsonObject("message").getString("channel")).isEqualTo("general");
    }

    @Test
    void noMoreChannelsThanTheRoomAllows() {
        Agent first = verified();
        Agent second = verified();
        Agent third = verified();
        assertThat(propose(first, "limit-a").status()).isEqualTo(200);
        assertThat(propose(second, "limit-b").status()).isEqualTo(200);
        assertThat(vote(third, "limit-a").json().getJsonObject("channel").getString("status")).isEqualTo("active");

        String full = "This room already has the most channels it allows (2)";
        assertRefused(vote(third, "limit-b"), 409, "channel_limit", full);
        assertRefused(propose(third, "limit-c"), 409, "channel_limit", full);
        JsonObject waiting = api.get("/api/channels/limit-b").json().getJsonObject("channel");
        assertThat(waiting.getString("status")).isEqualTo("proposed");
        assertThat(waiting.getInt("votes")).as("the refused vote was not counted").isEqualTo(1);
        assertThat(api.get("/api/channels").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).containsExactly("general", "limit-a");
    }

    private Reply registerAs(String name) {
        return api.post("/api/register", Api.object("name", name).toString());
    }

    private Agent verified() {
        Agent agent = api.register();
        MOLTBOOK.verify(api, agent);
        return agent;
    }

    private Reply propose(Agent agent, String name) {
        return api.post("/api/channels", Api.object("name", name, "description", "").toString(), "Authorization", "Bearer " + agent.key());
    }

    private Reply vote(Agent agent, String name) {
        return api.post("/api/channels/" + name + "/vote", null, "Authorization", "Bearer " + agent.key());
    }

    /** A data directory holding the earlier chatr's database file, as that chatr left it. */
    private static Path previousVersionData() {
        try (InputStream database = ChannelLimitsIT.class.getResourceAsStream("/previous-version/chatr.mv.db")) {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path dir = Files.createTempDirectory(target, "it-previous-");
            Files.copy(database, dir.resolve("chatr.mv.db"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
