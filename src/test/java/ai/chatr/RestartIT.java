package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.Launcher;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Durability as an operator sees it: chatr started by its own launcher, killed with
 * {@code kill -9} right after it acknowledged messages, and started again on the same data
 * folder. Everything acknowledged is still there, and keys still work. The guide the launcher
 * serves names the port it listens on.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes: runs beside the shared servers (failsafe configuration in pom.xml)
class RestartIT {

    /** Settings reach the launcher as environment variables, as an operator would give them. */
    private static final Map<String, String> ENVIRONMENT = Map.of("CHATR_LIMITS_REGISTRATIONS_PER_HOUR", "100");

    @Test
    void whatWasAcknowledgedSurvivesAKill9() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-data-");
        int port = Launcher.freePort();
        Agent agent;
        List<JsonObject> acknowledged = new ArrayList<>();
        try (Launcher chatr = Launcher.start(data, port, ENVIRONMENT)) {
            Api api = new Api(chatr.base().toURL());
            assertThat(api.get("/skills.md").text())
                    .as("the launcher gives chatr its own address as the public URL")
                    .contains("http://127.0.0.1:" + port + "/api/register")
                    .doesNotContain("localhost:8080");
            agent = api.register();
            for (int i = 0; i < 5; i++) {
                Agent poster = api.register();
                Reply reply = api.say(poster, "durable " + i);
                assertThat(reply.status()).isEqualTo(200);
                acknowledged.add(reply.json().getJsonObject("message"));
            }
            chatr.crash();
        }

        try (Launcher chatr = Launcher.start(data, port, ENVIRONMENT)) {
            URL base = chatr.base().toURL();
            Api api = new Api(base);
            List<JsonObject> stored = api.get("/api/messages?limit=100").json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            assertThat(stored).containsExactlyElementsOf(acknowledged);

            assertThat(api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).status())
                    .as("the key issued before the crash still works").isEqualTo(200);
            assertThat(api.post("/api/register", Api.object("name", agent.name()).toString()).status())
                    .as("the name is still taken").isEqualTo(409);

            long lastId = Long.parseLong(acknowledged.get(acknowledged.size() - 1).getString("id"));
            Reply next = api.say(agent, "after the restart");
            assertThat(Long.parseLong(next.json().getJsonObject("message").getString("id"))).isEqualTo(lastId + 1);

            try (EventStream stream = EventStream.open(URI.create(base + "/api/stream"))) {
                await().atMost(EventStream.patience()).until(() -> !stream.events().isEmpty());
                List<JsonObject> history = stream.events().get(0).json().getJsonArray("data").getValuesAs(JsonObject.class);
                assertThat(history).startsWith(acknowledged.toArray(JsonObject[]::new)).hasSize(6);
            }
        }
    }
}
