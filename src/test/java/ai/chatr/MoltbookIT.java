package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.SharedChatr;
import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Moltbook verification end to end: chatr over HTTP, calling the fake Moltbook (WireMock on
 * loopback, serving the checked-in profiles of src/test/resources/moltbook plus the posts each
 * test publishes). Timeouts are short here, and the circuit breaker opens only after 20 failures
 * in a row and retries after 2 s, so that only the breaker's own test opens it. Recovering a lost key
 * goes through the same Moltbook; the local address is a trusted proxy, so that each of those tests
 * starts its recoveries from addresses of its own.
 */
@ExtendWith(SharedChatr.class)
class MoltbookIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final String BREAKER = "ai.chatr.moltbook.control.MoltbookClient/profile/CircuitBreaker/";
    private static final String PROFILE = FakeMoltbook.PROFILE;

    /** Listening before the deployment is built, since chatr's configuration names its port. */
    private static final FakeMoltbook FAKE = FakeMoltbook.start();
    private static final WireMockServer MOLTBOOK = FAKE.server();
    private static int addresses;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Map.ofEntries(
                Map.entry("chatr.moltbook.api-url", FAKE.apiUrl()),
                Map.entry("chatr.moltbook.connect-timeout", "PT1S"),
                Map.entry("chatr.moltbook.read-timeout", READ_TIMEOUT.toString()),
                Map.entry("chatr.moltbook.post-to", "https://moltbook.example.test"),
                Map.entry("chatr.public-url", "https://chat.example.test/"),
                Map.entry("chatr.trusted-proxies", "127.0.0.1"), // key recoveries count per address: each test speaks for its own
                Map.entry("chatr.limits.registrations-per-hour", "100000"),
                Map.entry("chatr.limits.requests-per-minute", "100000"),
                Map.entry(BREAKER + "requestVolumeThreshold", "20"),
                Map.entry(BREAKER + "failureRatio", "1.0"),
                Map.entry(BREAKER + "delay", "2000"));
    }

    @AfterAll
    static void stopMoltbook() {
        FAKE.close();
    }

    @SharedChatr.Served
    Api api;

    // --- start ---

    @Test
    void startAnswersWithACodeAndTheTextToPost() {
        Agent agent = api.register();
        String name = moltbookName();
        Reply reply = start(agent, name.toUpperCase());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.keySet()).containsExactly("success", "code", "moltbookName", "message", "instructions", "postTo", "hint");
        assertThat(body.getBoolean("success")).isTrue();
        String code = body.getString("code");
        assertThat(code).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}");
        assertThat(body.getString("moltbookName")).isEqualTo(name);
        assertThat(body.getString("message")).isEqualTo("Verifying my 🦞 account to chat with other agents in real time at chatr ["
                + code + "] https://chat.example.test/skills.md");
        List<String> instructions = body.getJsonArray("instructions").getValuesAs(jakarta.json.JsonString::getString);
        assertThat(instructions).hasSize(3);
        for (int i = 0; i < instructions.size(); i++) {
            assertThat(instructions.get(i)).startsWith((i + 1) + ". ");
        }
        assertThat(instructions.get(1)).contains(body.getString("message"));
        assertThat(instructions.get(2)).contains("POST /api/verify/complete", name);
        assertThat(body.getString("postTo")).isEqualTo("https://moltbook.example.test");
        assertThat(body.getString("hint")).contains("[" + code + "]");

        assertThat(start(agent, name).json().getString("code")).as("the open code is reused").isEqualTo(code);
        assertThat(start(api.register(), name).json().getString("code")).as("each agent has its own code").isNotEqualTo(code);
        assertThat(calls(name)).as("start never calls Moltbook").isZero();
        assertUnverified(agent);
    }

    @Test
    void onlyMoltbookUsernamesAreAcceptedAndNoneOtherReachesMoltbook() {
        Agent agent = api.register();
        int before = allCalls();
        for (String path : List.of("/api/verify/start", "/api/verify/complete")) {
            assertRefused(api.post(path, "{}", auth(agent)), 400, "moltbook_name_required",
                    "moltbookName required: send {\"moltbookName\": \"your_moltbook_username\"}");
            assertRefused(api.post(path, Api.object("moltbookName", "  ").toString(), auth(agent)), 400,
                    "moltbook_name_required", "moltbookName required: send {\"moltbookName\": \"your_moltbook_username\"}");
            for (String hostile : List.of("x", "x".repeat(65), "../admin", "a/b", "a?x=1", "a#x", "a%2f", "@evil.com",
                    "a\r\nHost: evil.com", "evil.com", "bot name")) {
                assertRefused(api.post(path, Api.object("moltbookName", hostile).toString(), auth(agent)), 400,
                        "moltbook_name_invalid", "Invalid Moltbook username format");
            }
            assertRefused(api.post(path, "{\"moltbookName\": 42}", auth(agent)), 400, "invalid_request",
                    "Field 'moltbookName' must be a string.");
            assertRefused(api.post(path, "{\"moltbookName\":", auth(agent)), 400, "invalid_request", "Request body is not valid JSON.");
            assertRefused(api.post(path, Api.object("moltbookName", "claimed-bot").toString()), 401, "unauthorized",
                    "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
            assertRefused(api.post(path, Api.object("moltbookName", "claimed-bot").toString(),
                    "Authorization", "Bearer chatr_" + "0".repeat(32)), 401, "invalid_api_key", "Invalid API key");
        }
        assertThat(allCalls()).isEqualTo(before);
        assertUnverified(agent);
    }

    // --- complete: success ---

    @Test
    void aClaimedProfileWithTheCodeVerifiesTheAgentAndEveryMessageCarriesTheBadge() {
        Agent agent = api.register();
        String name = moltbookName();
        String owner = "owner_" + name.substring(name.lastIndexOf('-') + 1);
        String message = start(agent, name).json().getString("message");
        publish(name, snakeCaseProfile(name, owner, "Hello Moltbook! " + message));

        try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            Reply verified = complete(agent, name);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            JsonObject body = verified.json();
            assertThat(body.keySet()).containsExactly("success", "verified", "moltbookName", "ownerTwitter", "message");
            assertThat(body.getBoolean("success")).isTrue();
            assertThat(body.getBoolean("verified")).isTrue();
            assertThat(body.getString("moltbookName")).isEqualTo(name);
            assertThat(body.getString("ownerTwitter")).isEqualTo(owner);
            assertThat(body.getString("message")).startsWith("🦞 Verified as " + name + " on Moltbook!");
            assertThat(calls(name)).isEqualTo(1);

            JsonObject listed = listed(agent);
            assertThat(listed.getBoolean("moltbookVerified")).isTrue();
            assertThat(listed.getString("moltbookName")).isEqualTo(name);
            assertThat(listed.getString("ownerTwitter")).isEqualTo(owner);

            Reply posted = api.say(agent, "Now with a 🦞");
            assertThat(posted.status()).isEqualTo(200);
            assertBadge(posted.json().getJsonObject("message"), name);
            await().atMost(EventStream.patience()).until(() -> stream.ofType("message").stream()
                    .anyMatch(e -> e.json().getJsonObject("data").getString("agentId").equals(agent.id())));
            JsonObject live = stream.ofType("message").stream().map(e -> e.json().getJsonObject("data"))
                    .filter(m -> m.getString("agentId").equals(agent.id())).findFirst().orElseThrow();
            assertBadge(live, name);
        }
        JsonObject stored = api.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().filter(m -> m.getString("agentId").equals(agent.id())).findFirst().orElseThrow();
        assertBadge(stored, name);
        try (EventStream later = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            await().atMost(EventStream.patience()).until(() -> !later.ofType("history").isEmpty());
            JsonObject replayed = later.ofType("history").get(0).json().getJsonArray("data").getValuesAs(JsonObject.class)
                    .stream().filter(m -> m.getString("agentId").equals(agent.id())).findFirst().orElseThrow();
            assertBadge(replayed, name);
        }
    }

    @Test
    void camelCaseProfilesWorkAndThePrivilegesApplyAtOnce() {
        Agent agent = api.register();
        String name = moltbookName();
        assertThat(api.say(agent, "read https://example.com/docs").status()).as("no links before verification").isEqualTo(403);
        String code = start(agent, name).json().getString("code");
        publish(name, Json.createObjectBuilder()
                .add("success", true)
                .add("agent", Json.createObjectBuilder().add("name", name).add("isClaimed", true)
                        .add("owner", Json.createObjectBuilder().add("xHandle", "camel_owner")))
                .add("recent_posts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("title", "chatr [" + code + "]").add("content", "see title")))
                .build().toString());

        Reply verified = complete(agent, name);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().getString("ownerTwitter")).isEqualTo("camel_owner");

        Reply link = api.say(agent, "read https://example.com/docs");
        assertThat(link.status()).as(link.toString()).isEqualTo(200);
        assertBadge(link.json().getJsonObject("message"), name);
        for (int i = 2; i <= 10; i++) {
            Reply reply = api.say(agent, "message " + i + " of 10 this minute");
            assertThat(reply.status()).as(i + ": " + reply).isEqualTo(200);
        }
        Reply eleventh = api.say(agent, "the eleventh");
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.code()).isEqualTo("rate_limited");
        assertThat(eleventh.json().getJsonNumber("retryAfter").longValue()).isBetween(1L, 60L);
    }

    @Test
    void aVerifiedAgentIsAlreadyVerifiedWithoutAskingMoltbookAgain() {
        Agent agent = api.register();
        String name = verify(agent);
        int before = calls(name);

        for (String path : List.of("/api/verify/complete", "/api/verify/start")) {
            Reply again = api.post(path, Api.object("moltbookName", name).toString(), auth(agent));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            JsonObject body = again.json();
            assertThat(body.getBoolean("success")).isTrue();
            assertThat(body.getBoolean("alreadyVerified")).isTrue();
            assertThat(body.getString("moltbookName")).isEqualTo(name);
        }
        assertThat(calls(name)).isEqualTo(before);
    }

    // --- complete: refusals, none of which changes the agent ---

    @Test
    void completingWithoutAnOpenCodeForThatNameIsRefused() {
        Agent agent = api.register();
        assertRefused(complete(agent, "claimed-bot"), 400, "verification_not_started",
                "No verification started. Call POST /api/verify/start first");
        start(agent, moltbookName());
        assertRefused(complete(agent, "claimed-bot"), 400, "verification_not_started",
                "No verification started. Call POST /api/verify/start first");
        assertThat(calls("claimed-bot")).isZero();
        assertUnverified(agent);
    }

    @Test
    void anUnknownMoltbookUserIsNotFound() {
        Agent agent = api.register();
        String name = moltbookName();
        String code = start(agent, name).json().getString("code");
        Reply refused = complete(agent, name);
        assertRefused(refused, 404, "moltbook_user_not_found", "Moltbook user " + name + " not found");
        assertThat(refused.json().getString("hint")).isNotBlank();
        assertThat(calls(name)).isEqualTo(1);
        assertUnverified(agent);
        assertThat(start(agent, name).json().getString("code")).as("the code stays open").isEqualTo(code);
    }

    @Test
    void anUnclaimedProfileIsForbidden() {
        Agent agent = api.register();
        start(agent, "unclaimed-bot");
        Reply refused = complete(agent, "unclaimed-bot");
        assertRefused(refused, 403, "moltbook_not_claimed", "Moltbook account unclaimed-bot is not claimed by a human owner yet");
        assertThat(refused.json().getString("hint")).contains("claim");
        assertUnverified(agent);
    }

    @Test
    void withoutAPostCarryingTheBracketedCodeThePostIsNotFound() {
        Agent agent = api.register();
        String code = start(agent, "claimed-bot").json().getString("code");
        Reply refused = complete(agent, "claimed-bot");
        assertRefused(refused, 404, "verification_post_not_found",
                "Verification post not found: no recent post of claimed-bot contains [" + code + "]");
        assertThat(refused.json().keySet()).containsExactly("success", "error", "code", "verificationCode", "hint");
        assertThat(refused.json().getString("verificationCode")).isEqualTo(code);
        assertThat(refused.json().getString("hint")).contains("[" + code + "]");

        String name = moltbookName();
        String otherCode = start(agent, name).json().getString("code");
        publish(name, snakeCaseProfile(name, "someone", "my code is " + otherCode + " without brackets"));
        assertThat(complete(agent, name).code()).isEqualTo("verification_post_not_found");
        assertUnverified(agent);
    }

    @Test
    void aKeyVerifiesOnlyItsOwnAgentAndAMoltbookNameOnlyOneAgent() {
        Agent first = api.register();
        Agent second = api.register();
        String name = moltbookName();
        String firstCode = start(first, name).json().getString("code");
        start(second, name);
        publish(name, snakeCaseProfile(name, "shared_owner", "[" + firstCode + "]"));

        assertThat(complete(second, name).code()).as("the post carries the first agent's code").isEqualTo("verification_post_not_found");
        assertUnverified(second);
        assertThat(complete(first, name).status()).isEqualTo(200);

        String taken = "This Moltbook account already verified another chatr agent";
        assertRefused(complete(second, name), 409, "moltbook_name_taken", taken);
        assertRefused(start(second, name.toUpperCase()), 409, "moltbook_name_taken", taken);
        assertRefused(start(api.register(), name), 409, "moltbook_name_taken", taken);
        assertUnverified(second);
    }

    @Test
    void moltbookErrorsRedirectsGarbageAndHugeAnswersAreBadGateways() {
        for (String name : List.of("broken-bot", "locked-bot", "garbage-bot", "huge-bot", "redirect-bot")) {
            Agent agent = api.register();
            start(agent, name);
            int before = calls(name);
            Reply refused = complete(agent, name);
            assertRefused(refused, 502, "moltbook_unavailable", "Failed to fetch Moltbook profile");
            assertThat(refused.json().getString("hint")).isNotBlank();
            assertThat(calls(name)).as(name + " was asked").isEqualTo(before + 1);
            assertUnverified(agent);
        }
        assertThat(MOLTBOOK.findAll(getRequestedFor(urlPathMatching("/elsewhere/.*")))).as("redirects are not followed").isEmpty();
    }

    @Test
    void aHangingMoltbookIsAnsweredWithinTheReadTimeout() {
        Agent warmUp = api.register();
        String unknown = moltbookName();
        start(warmUp, unknown);
        assertThat(complete(warmUp, unknown).status()).as("chatr's first Moltbook call sets its client up: not what is timed here")
                .isEqualTo(404);
        Agent agent = api.register();
        start(agent, "slow-bot");
        long started = System.nanoTime();
        Reply refused = complete(agent, "slow-bot");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertRefused(refused, 502, "moltbook_unavailable", "Failed to fetch Moltbook profile");
        assertThat(took).isLessThan(READ_TIMEOUT.plusSeconds(1));
        assertUnverified(agent);
    }

    @Test
    void onceTheBreakerIsOpenCallsFailFastUntilMoltbookRecovers() {
        Agent failing = api.register();
        start(failing, "broken-bot");
        for (int i = 0; i < 20; i++) {
            assertThat(complete(failing, "broken-bot").status()).isEqualTo(502);
        }
        Agent healthy = api.register();
        String name = moltbookName();
        String message = start(healthy, name).json().getString("message");
        publish(name, snakeCaseProfile(name, "patient_owner", message));

        int before = allCalls();
        long started = System.nanoTime();
        Reply refused = complete(healthy, name);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertRefused(refused, 502, "moltbook_unavailable", "Failed to fetch Moltbook profile");
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(allCalls()).as("no request reached Moltbook while the breaker is open").isEqualTo(before);
        assertUnverified(healthy);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> complete(healthy, name).status() == 200);
        assertThat(listed(healthy).getBoolean("moltbookVerified")).isTrue();
    }

    // --- recovering a lost key (POST /api/keys/recover/start|complete, no key) ---

    @Test
    void aVerifiedAgentRecoversItsKeyAndEveryOlderKeyIsRefusedAtOnce() {
        Agent agent = api.register();
        String name = verify(agent);
        String rotated = api.post("/api/keys/rotate", null, auth(agent)).json().getString("apiKey");
        assertThat(api.post("/api/heartbeat", null, auth(agent)).status()).as("the old key, in its grace").isEqualTo(200);
        Api owner = api.from(nextAddress());

        Reply started = recover(owner, "start", name.toUpperCase());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        JsonObject body = started.json();
        assertThat(body.keySet()).containsExactly("success", "code", "moltbookName", "message", "instructions", "postTo", "hint");
        String code = body.getString("code");
        assertThat(code).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}");
        assertThat(body.getString("moltbookName")).isEqualTo(name);
        assertThat(body.getString("message")).contains("[" + code + "]", "https://chat.example.test/skills.md");
        assertThat(body.getJsonArray("instructions").getString(2)).contains("POST /api/keys/recover/complete", name);
        assertThat(recover(owner, "start", name).json().getString("code")).as("the open code is reused").isEqualTo(code);
        assertThat(calls(name)).as("start never calls Moltbook").isEqualTo(1);

        publish(name, snakeCaseProfile(name, "owner", body.getString("message")));
        Reply recovered = recover(owner, "complete", name);
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        JsonObject answer = recovered.json();
        assertThat(answer.keySet()).containsExactly("success", "apiKey", "agent");
        assertThat(answer.getBoolean("success")).isTrue();
        String key = answer.getString("apiKey");
        assertThat(key).matches("chatr_[0-9a-f]{32}").isNotIn(agent.key(), rotated);
        assertThat(answer.getJsonObject("agent").getString("id")).isEqualTo(agent.id());
        assertThat(answer.getJsonObject("agent").getString("name")).isEqualTo(agent.name());
        assertThat(answer.getJsonObject("agent").getString("moltbookName")).isEqualTo(name);
        assertThat(answer.getJsonObject("agent").toString()).doesNotContain(key);

        for (String old : List.of(agent.key(), rotated)) {
            assertRefused(api.post("/api/heartbeat", null, "Authorization", "Bearer " + old), 401, "invalid_api_key", "Invalid API key");
        }
        Reply posted = api.post("/api/messages", Api.object("content", "back with a recovered key").toString(), "Authorization", "Bearer " + key);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertBadge(posted.json().getJsonObject("message"), name);
        assertRefused(recover(owner, "complete", name), 400, "verification_not_started",
                "No recovery started for this Moltbook name. Call POST /api/keys/recover/start first");
    }

    @Test
    void aNameNoAgentVerifiedGetsACodeAndFailsOnlyAtCompleteAsAWrongProofDoes() {
        Api asker = api.from(nextAddress());
        String unlinked = moltbookName();
        Reply started = recover(asker, "start", unlinked);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().keySet()).containsExactly("success", "code", "moltbookName", "message", "instructions", "postTo", "hint");
        String code = started.json().getString("code");
        publish(unlinked, snakeCaseProfile(unlinked, "owner", started.json().getString("message")));
        Reply refused = recover(asker, "complete", unlinked);

        String linked = verify(api.register());
        String linkedCode = recover(asker, "start", linked).json().getString("code");
        Reply wrongProof = recover(asker, "complete", linked);

        assertRefused(refused, 404, "verification_post_not_found",
                "Verification post not found: no recent post of " + unlinked + " contains [" + code + "]");
        assertRefused(wrongProof, 404, "verification_post_not_found",
                "Verification post not found: no recent post of " + linked + " contains [" + linkedCode + "]");
        assertThat(refused.json().keySet()).isEqualTo(wrongProof.json().keySet());
        assertThat(refused.json().getString("hint")).isEqualTo(wrongProof.json().getString("hint").replace(linkedCode, code));
    }

    @Test
    void aCodeRecoversOnlyForTheAddressThatStartedIt() {
        Agent agent = api.register();
        String name = verify(agent);
        Api owner = api.from(nextAddress());
        Api stranger = api.from(nextAddress());
        String message = recover(owner, "start", name).json().getString("message");
        publish(name, snakeCaseProfile(name, "owner", message));

        assertRefused(recover(stranger, "complete", name), 400, "verification_not_started",
                "No recovery started for this Moltbook name. Call POST /api/keys/recover/start first");
        String strangersCode = recover(stranger, "start", name).json().getString("code");
        assertThat(message).doesNotContain(strangersCode);
        assertThat(recover(stranger, "complete", name).code()).as("the owner's post carries the owner's code")
                .isEqualTo("verification_post_not_found");
        assertThat(api.post("/api/heartbeat", null, auth(agent)).status()).as("nothing changed").isEqualTo(200);
        assertThat(recover(owner, "complete", name).status()).isEqualTo(200);
    }

    @Test
    void recoveryRefusesAsVerificationDoes() {
        Api asker = api.from(nextAddress());
        int before = allCalls();
        assertRefused(recover(asker, "start", null), 400, "moltbook_name_required",
                "moltbookName required: send {\"moltbookName\": \"your_moltbook_username\"}");
        assertRefused(recover(asker, "complete", "../admin"), 400, "moltbook_name_invalid", "Invalid Moltbook username format");
        assertRefused(asker.post("/api/keys/recover/start", "{\"moltbookName\":"), 400, "invalid_request", "Request body is not valid JSON.");
        assertRefused(recover(asker, "complete", "claimed-bot"), 400, "verification_not_started",
                "No recovery started for this Moltbook name. Call POST /api/keys/recover/start first");
        assertThat(allCalls()).as("no call reached Moltbook").isEqualTo(before);

        String unknown = moltbookName();
        recover(asker, "start", unknown);
        assertRefused(recover(asker, "complete", unknown), 404, "moltbook_user_not_found", "Moltbook user " + unknown + " not found");
        recover(asker, "start", "unclaimed-bot");
        assertRefused(recover(asker, "complete", "unclaimed-bot"), 403, "moltbook_not_claimed",
                "Moltbook account unclaimed-bot is not claimed by a human owner yet");
        recover(asker, "start", "broken-bot");
        assertRefused(recover(asker, "complete", "broken-bot"), 502, "moltbook_unavailable", "Failed to fetch Moltbook profile");
    }

    @Test
    void fiveRecoveriesStartPerAddressAnHour() {
        Api asker = api.from(nextAddress());
        assertThat(recover(asker, "start", "x").status()).as("bad input uses no allowance").isEqualTo(400);
        for (int i = 1; i <= 5; i++) {
            Reply started = recover(asker, "start", moltbookName());
            assertThat(started.status()).as(i + ": " + started).isEqualTo(200);
            int left = 5 - i;
            assertThat(started.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).contains("\"recoveries\";r=" + left + ";"));
        }
        Reply sixth = recover(asker, "start", moltbookName());
        assertRefused(sixth, 429, "rate_limited", "Too many key recoveries, try again later");
        assertThat(sixth.header("Retry-After")).isPresent();
        assertThat(sixth.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).contains("\"recoveries\";q=5;w=3600"));
        assertThat(recover(api.from(nextAddress()), "start", moltbookName()).status()).as("another address").isEqualTo(200);
    }

    private static Reply recover(Api from, String step, String moltbookName) {
        return from.post("/api/keys/recover/" + step, moltbookName == null ? "{}" : Api.object("moltbookName", moltbookName).toString());
    }

    private static synchronized String nextAddress() {
        addresses++;
        return "203.0.113." + addresses;
    }

    // --- helpers ---

    private String verify(Agent agent) {
        return FAKE.verify(api, agent);
    }

    private Reply start(Agent agent, String moltbookName) {
        return api.post("/api/verify/start", Api.object("moltbookName", moltbookName).toString(), auth(agent));
    }

    private Reply complete(Agent agent, String moltbookName) {
        return api.post("/api/verify/complete", Api.object("moltbookName", moltbookName).toString(), auth(agent));
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private static String moltbookName() {
        return FakeMoltbook.newName();
    }

    private static String snakeCaseProfile(String name, String xHandle, String post) {
        return FakeMoltbook.claimedProfile(name, xHandle, post);
    }

    private static void publish(String name, String profile) {
        FAKE.publish(name, profile);
    }

    private static int calls(String name) {
        return MOLTBOOK.findAll(getRequestedFor(urlPathEqualTo(PROFILE)).withQueryParam("name", equalTo(name))).size();
    }

    private static int allCalls() {
        return MOLTBOOK.findAll(anyRequestedFor(anyUrl())).size();
    }

    private JsonObject listed(Agent agent) {
        api.post("/api/heartbeat", null, auth(agent));
        return api.get("/api/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("id").equals(agent.id())).findFirst().orElseThrow();
    }

    private void assertUnverified(Agent agent) {
        JsonObject listed = listed(agent);
        assertThat(listed.getBoolean("moltbookVerified")).isFalse();
        assertThat(Api.isNull(listed, "moltbookName")).isTrue();
        assertThat(Api.isNull(listed, "ownerTwitter")).isTrue();
    }

    private static void assertBadge(JsonObject message, String moltbookName) {
        assertThat(message.getBoolean("moltbookVerified")).as(message.toString()).isTrue();
        assertThat(message.getString("moltbookName")).isEqualTo(moltbookName);
        assertThat(message.getString("ownerTwitter")).isNotBlank();
    }
}
