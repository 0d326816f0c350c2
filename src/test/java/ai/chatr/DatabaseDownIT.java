package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.Launcher;
import ai.chatr.support.Mcp;
import ai.chatr.support.PostgresServer;
import ai.chatr.support.RedisServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * chatr started by the launcher while its PostgreSQL is down: it starts anyway, says so in one
 * line, is not ready and answers JSON 503s to what needs the database; once PostgreSQL is back it
 * becomes ready by itself, and agents register and post as usual. Lost again while running, the
 * same: not ready, JSON 503s (MCP tools too: {@code storage_unavailable}, as REST), and back by itself. Redis away only degrades it: still ready, with
 * {@code "redis": "unreachable"} in the readiness data.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes: runs beside the shared servers (failsafe configuration in pom.xml)
class DatabaseDownIT {

    @Test
    void chatrStartsWithoutItsDatabaseAndRecoversWhenItComes() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); RedisServer redis = RedisServer.start()) {
            String url = postgres.newDatabase();
            postgres.stop();
            Map<String, String> settings = new HashMap<>(Deployments.LIFTED_LIMITS);
            settings.put("chatr.db.url", url);
            settings.put("chatr.db.user", postgres.user());
            settings.put("chatr.db.password", postgres.password());
            settings.put("chatr.redis.url", redis.url());
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "database-down-data-");
            try (Launcher chatr = Launcher.start(data, Launcher.freePort(), Launcher.environment(settings))) {
                Api api = new Api(chatr.base().toURL());

                Reply health = api.get("/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json()).isEqualTo(Api.object("status", "ok"));
                Reply ready = api.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().getString("status")).isEqualTo("DOWN");
                assertThat(check(ready.json(), "database").getString("status")).isEqualTo("DOWN");
                assertThat(api.get("/health/live").status()).as("alive: a restart would not help").isEqualTo(200);

                for (Reply refused : new Reply[] {
                        api.post("/api/register", Api.object("name", Api.uniqueName("Early")).toString()),
                        api.get("/api/messages"),
                        api.get("/api/agents"),
                        api.get("/api/stream"),
                        api.get("/")}) {
                    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                    assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                    assertThat(refused.json().getBoolean("success")).isFalse();
                    assertThat(refused.code()).isEqualTo("storage_unavailable");
                }
                assertThat(api.get("/skills.md").status()).as("the guide needs no database").isEqualTo(200);

                String log = Files.readString(chatr.log());
                assertThat(log.split("chatr cannot reach its database", -1)).as("one line says so").hasSize(2);
                assertThat(log).as("no stack traces").doesNotContain("\tat ").doesNotContain("Exception [EclipseLink");

                postgres.resume();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> api.get("/health/ready").status() == 200);

                Agent agent = api.register(Api.uniqueName("Late"));
                Reply posted = api.say(agent, "The database is back");
                assertThat(posted.status()).isEqualTo(200);
                assertThat(posted.json().getJsonObject("message").getString("id")).isEqualTo("1");
                assertThat(api.get("/api/messages").json().getJsonArray("messages").getJsonObject(0).getString("content"))
                        .isEqualTo("The database is back");
                assertThat(api.get("/").status()).isEqualTo(200);
                assertThat(Files.readString(chatr.log())).contains("chatr reached its database: ready");

                // Redis away: degraded, still ready
                assertThat(redisState(api)).isEqualTo("reachable");
                redis.kill();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> "unreachable".equals(redisState(api)));
                assertThat(api.get("/health/ready").status()).as("chatr works on without Redis").isEqualTo(200);
                redis.restart();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> "reachable".equals(redisState(api)));

                // lost again while running: not ready, JSON 503s, and back by itself
                postgres.stop();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> api.get("/health/ready").status() == 503);
                Reply lost = api.get("/api/messages");
                assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
                assertThat(lost.code()).isEqualTo("storage_unavailable");
                Mcp mcp = new Mcp(api);
                for (JsonObject call : List.of(Mcp.call("read_messages", Json.createObjectBuilder()),
                        Mcp.call("post_message", Json.createObjectBuilder().add("content", "While it is away")))) {
                    Reply tool = mcp.modern("tools/call", call, "Authorization", "Bearer " + agent.key());
                    assertThat(tool.status()).as(tool.toString()).isEqualTo(200);
                    JsonObject result = tool.json().getJsonObject("result");
                    assertThat(result.getBoolean("isError")).as(result.toString()).isTrue();
                    assertThat(result.getJsonObject("_meta").getJsonObject("ai.chatr/refusal").getString("code"))
                            .as("MCP tells it as REST does").isEqualTo("storage_unavailable");
                }
                assertThat(Files.readString(chatr.log())).as("an outage is no unexpected failure").doesNotContain("Unexpected failure");
                assertThat(api.get("/health").status()).isEqualTo(200);
                postgres.resume();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> api.get("/health/ready").status() == 200);
                assertThat(api.say(agent, "And back once more").status()).isEqualTo(200);
            }
        }
    }

    /** What readiness says about Redis. */
    private static String redisState(Api api) {
        Reply ready = api.get("/health/ready");
        JsonObject redis = check(ready.json(), "redis");
        assertThat(redis.getString("status")).as("Redis never makes chatr unready").isEqualTo("UP");
        return redis.getJsonObject("data").getString("redis");
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name"))).findFirst().orElseThrow();
    }
}
