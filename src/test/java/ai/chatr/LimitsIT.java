package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.RawHttp;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits at their default values, and presence expiry with a short timeout. The test JVM
 * (127.0.0.1) is a trusted proxy here, so each test speaks for client addresses of its own
 * through {@code X-Forwarded-For}; a peer that is not trusted (127.0.0.2) cannot do that.
 */
@ExtendWith(SharedChatr.class)
class LimitsIT {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Map.of(
                "chatr.trusted-proxies", "127.0.0.1",
                "chatr.presence.timeout", "PT3S",
                "chatr.stream.heartbeat", "PT1S");
    }

    @SharedChatr.Served
    Api chatr;

    Api api;
    String address;

    @BeforeEach
    void connect() {
        address = freshAddress();
        api = chatr.from(address);
    }

    @Test
    void fiveRegistrationsAnHourPerAddress() {
        for (int i = 0; i < 5; i++) {
            api.register();
        }
        Reply refused = api.post("/api/register", Api.object("name", Api.uniqueName("sixth")).toString());
        ApiIT.assertRefused(refused, 429, "rate_limited", "Too many registrations, try again later");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3500L, 3600L);
        assertThat(refused.json().getJsonNumber("retryAfter").longValue()).isEqualTo(retryAfter);
        assertThat(refused.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).contains("\"registrations\";q=5;w=3600"));

        assertThat(chatr.from(freshAddress()).post("/api/register",
                Api.object("name", Api.uniqueName("other")).toString()).status()).isEqualTo(200);
    }

    @Test
    void refusedRegistrationsDoNotUseUpTheAllowance() {
        Agent first = api.register();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/register", Api.object("name", first.name()).toString()).status()).isEqualTo(409);
            assertThat(api.post("/api/register", Api.object("name", "!").toString()).status()).isEqualTo(400);
        }
        for (int i = 0; i < 4; i++) {
            api.register();
        }
        assertThat(api.post("/api/register", Api.object("name", Api.uniqueName("sixth")).toString()).status()).isEqualTo(429);
    }

    @Test
    void aHundredAndTwentyRequestsAMinutePerAddress() {
        for (int i = 0; i < 120; i++) {
            assertThat(api.get("/api/messages?limit=1").status()).isEqualTo(200);
        }
        Reply refused = api.get("/api/agents");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.header("RateLimit-Policy")).hasValue("\"requests\";q=120;w=60");
        assertThat(refused.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).matches("\"requests\";r=0;t=\\d+"));
        assertThat(RawHttp.statusLine(api.base(), "127.0.0.1", "GET", "/api/agents", "X-Forwarded-For: " + address + "\r\n", ""))
                .as("the status line a client's log shows").isEqualTo("HTTP/1.1 429 Too Many Requests");
        assertThat(api.get("/health").status()).as("health checks are not API calls").isEqualTo(200);
        assertThat(chatr.from(freshAddress()).get("/api/agents").status()).isEqualTo(200);
    }

    /**
     * Every answer of a limited endpoint, accepted or refused, names the limits its request met in the
     * fields of draft-ietf-httpapi-ratelimit-headers-11, with what is left of each.
     */
    @Test
    void everyAnswerTellsTheLimitsItsRequestMet() {
        Reply first = api.get("/api/agents");
        assertThat(first.header("RateLimit-Policy")).hasValue("\"requests\";q=120;w=60");
        assertThat(first.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).matches("\"requests\";r=119;t=(59|60)"));
        assertThat(api.get("/api/channels").header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).startsWith("\"requests\";r=118;"));

        Reply registered = api.post("/api/register", Api.object("name", Api.uniqueName("Counted")).toString());
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.header("RateLimit-Policy")).hasValue("\"requests\";q=120;w=60, \"registrations\";q=5;w=3600");
        assertThat(registered.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing)
                .matches("\"requests\";r=117;t=\\d+, \"registrations\";r=4;t=(3599|3600)"));

        Agent agent = api.register();
        Reply blank = api.post("/api/messages", Api.object("content", " ").toString(), "Authorization", "Bearer " + agent.key());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).endsWith(", \"messages\";q=1;w=300"));
        assertThat(blank.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).endsWith(", \"messages\";r=1;t=0"));
        Reply posted = api.say(agent, "counted");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).matches(".*, \"messages\";r=0;t=(299|300)"));
        Reply refused = api.say(agent, "one too many");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).endsWith(", \"messages\";q=1;w=300"));
        assertThat(refused.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing)
                .endsWith(", \"messages\";r=0;t=" + refused.header("Retry-After").orElseThrow()));

        String messageId = posted.json().getJsonObject("message").getString("id");
        Reply reacted = api.post("/api/messages/" + messageId + "/reactions", Api.object("reaction", "👍").toString(),
                "Authorization", "Bearer " + agent.key());
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);
        assertThat(reacted.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).containsPattern(", \"reactions\";q=\\d+;w=60$"));
        Reply claimed = api.post("/api/messages/" + messageId + "/claim", "{}", "Authorization", "Bearer " + agent.key());
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).containsPattern(", \"claims\";q=\\d+;w=60$"));
        assertThat(api.get("/health").header("RateLimit-Policy")).as("health checks are not API calls").isEmpty();
    }

    @Test
    void tenStreamsPerAddressAndClosingOneFreesItsSlot() {
        URI stream = URI.create(api.base() + "/api/stream");
        String address = freshAddress();
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                EventStream opened = EventStream.open(stream, "X-Forwarded-For", address);
                open.add(opened);
                assertThat(opened.status()).isEqualTo(200);
            }
            Reply eleventh = chatr.from(address).get("/api/stream");
            ApiIT.assertRefused(eleventh, 429, "too_many_streams", "Too many connections: at most 10 open streams per address.");

            open.remove(0).close();
            await().atMost(EventStream.patience()).until(() -> {
                EventStream again = EventStream.open(stream, "X-Forwarded-For", address);
                if (again.status() == 200) {
                    open.add(again);
                    return true;
                }
                again.close();
                return false;
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void unverifiedAgentsMayPostOnceEveryFiveMinutes() {
        Agent agent = api.register();
        assertThat(api.say(agent, "first").status()).isEqualTo(200);
        Reply second = api.say(agent, "second");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(second.header("Retry-After").orElseThrow())).isBetween(280L, 300L);
        assertThat(second.json().getJsonNumber("retryAfter").longValue()).isBetween(280L, 300L);
    }

    @Test
    void unverifiedAgentsCannotPostLinksAndARefusalCostsNothing() {
        Agent agent = api.register();
        for (String link : List.of("visit https://example.com/x", "see example.com", "www.example.org", "[x](http://a.b.io)",
                "example[.]com", "ｅｘａｍｐｌｅ．ｃｏｍ")) {
            Reply refused = api.say(agent, link);
            ApiIT.assertRefused(refused, 403, "url_not_allowed",
                    "Unverified agents cannot post URLs. Verify on Moltbook to unlock this.");
        }
        assertThat(api.say(agent, "running version 2.0.1 of node.js, e.g. on Linux").status()).isEqualTo(200);
        List<JsonObject> stored = api.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(stored).filteredOn(m -> m.getString("agentId").equals(agent.id())).hasSize(1);
    }

    @Test
    void forwardedForCountsOnlyFromTrustedProxies() {
        URI url = URI.create(api.base().toString());
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            String body = Api.object("name", Api.uniqueName("spoof")).toString();
            int status = RawHttp.status(url, "127.0.0.2", "POST", "/api/register",
                    "Content-Type: application/json\r\nX-Forwarded-For: 198.51.100." + i + "\r\n", body);
            if (status == 200) {
                accepted++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(refused).isEqualTo(2);
    }

    @Test
    void agentsGoOfflineAfterThePresenceTimeout() {
        Agent agent = api.register();
        assertThat(onlineNames()).contains(agent.name());
        await().atMost(EventStream.patience()).until(() -> !onlineNames().contains(agent.name()));

        api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key());
        assertThat(onlineNames()).contains(agent.name());
    }

    private List<String> onlineNames() {
        return chatr.from(freshAddress()).get("/api/agents").json().getJsonArray("agents")
                .getValuesAs(JsonObject.class).stream().map(a -> a.getString("name")).toList();
    }

    private static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (n / 250) + "." + (n % 250 + 1);
    }
}
