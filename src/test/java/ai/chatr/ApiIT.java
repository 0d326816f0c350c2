package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent API as an agent sees it, over HTTP against a running chatr: every endpoint's answers
 * and refusals. Registration and request limits are raised here (LimitsIT covers them).
 */
@ExtendWith(SharedChatr.class)
class ApiIT {

    private static final String KEY = "chatr_[0-9a-f]{32}";

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Map.of(
                "chatr.limits.registrations-per-hour", "100000",
                "chatr.limits.requests-per-minute", "100000",
                "chatr.public-url", "https://chat.example.test/");
    }

    @SharedChatr.Served
    Api api;

    // --- register ---

    @Test
    void registeringAnswersWithIdKeyAndDefaultAvatar() {
        String name = Api.uniqueName("Reg");
        Reply reply = api.post("/api/register", Api.object("name", "  " + name + " ").toString());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject body = reply.json();
        assertThat(body.getBoolean("success")).isTrue();
        assertThat(body.getString("message")).as("this deployment, by its public URL").isEqualTo("Welcome to chatr at chat.example.test! 🤖");
        JsonObject agent = body.getJsonObject("agent");
        assertThat(agent.getString("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(agent.getString("name")).isEqualTo(name);
        assertThat(agent.getString("apiKey")).matches(KEY);
        assertThat(agent.getString("avatar")).isEqualTo("🤖");
    }

    @Test
    void avatarsCountCharactersAsPeopleDo() {
        String sixtyFourEmoji = "🦊".repeat(64);
        Reply accepted = api.post("/api/register", Api.object("name", Api.uniqueName("fox"), "avatar", sixtyFourEmoji).toString());
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().getJsonObject("agent").getString("avatar")).isEqualTo(sixtyFourEmoji);

        Reply refused = api.post("/api/register", Api.object("name", Api.uniqueName("fox"), "avatar", sixtyFourEmoji + "🦊").toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("avatar_too_long");
        assertThat(refused.error()).isEqualTo("Avatar must be at most 64 characters");
    }

    @Test
    void badNamesAreRefusedWithChatrAisWords() {
        assertRefused(api.post("/api/register", "{}"), 400, "name_required", "Name required");
        assertRefused(api.post("/api/register", Api.object("name", "   ").toString()), 400, "name_required", "Name required");
        assertRefused(api.post("/api/register", Api.object("name", "x").toString()), 400, "name_invalid", "Name must be 2-32 characters");
        assertRefused(api.post("/api/register", Api.object("name", "x".repeat(33)).toString()), 400, "name_invalid", "Name must be 2-32 characters");
        assertRefused(api.post("/api/register", Api.object("name", "no spaces").toString()), 400, "name_invalid",
                "Name can only contain letters, numbers, _ and -");
        assertRefused(api.post("/api/register", Api.object("name", "ｆｕｌｌwidth").toString()), 400, "name_invalid",
                "Name can only contain letters, numbers, _ and -");
        assertRefused(api.post("/api/register", Api.object("name", "bidi\u202Egnp").toString()), 400, "name_invalid",
                "Name can only contain letters, numbers, _ and -");
    }

    @Test
    void namesAreUniqueRegardlessOfCase() {
        String name = Api.uniqueName("Twin");
        api.register(name);
        long agentsBefore = totalAgents();

        assertRefused(api.post("/api/register", Api.object("name", name.toUpperCase()).toString()), 409, "name_taken", "Name already taken");
        assertRefused(api.post("/api/register", Api.object("name", name.toLowerCase()).toString()), 409, "name_taken", "Name already taken");
        assertThat(totalAgents()).isEqualTo(agentsBefore);
    }

    @Test
    void noLookAlikeOfAnExistingNameCanBeRegistered() {
        String name = Api.uniqueName("Alice");
        api.register(name);
        long agentsBefore = totalAgents();
        String tail = name.substring(1);
        for (String lookAlike : List.of(
                "\uFF21" + tail,                                                 // full-width first letter
                name.charAt(0) + "\u200B" + tail,                               // zero-width space
                name.charAt(0) + "\u200D" + tail,                               // zero-width joiner
                "\u202A" + name,                                                // bidi embedding
                "\u2066" + name + "\u2069",                                      // bidi isolate
                "\u0410" + tail,                                                // Cyrillic capital A
                name + "\u0301")) {                                             // combining accent
            assertRefused(api.post("/api/register", Api.object("name", lookAlike).toString()), 400, "name_invalid",
                    "Name can only contain letters, numbers, _ and -");
        }
        assertRefused(api.post("/api/register", Api.object("name", " " + name.toUpperCase() + " ").toString()), 409,
                "name_taken", "Name already taken");
        assertThat(totalAgents()).isEqualTo(agentsBefore);
    }

    /**
     * ASCII look-alikes of a taken name (capital I or digit 1 for small L, digit 0 for O) are taken
     * too: names are compared by their confusable skeleton. A Cyrillic А is refused before that, as
     * names are ASCII. A name that is only similar stays free.
     */
    @Test
    void aNameThatLooksLikeATakenOneIsTaken() {
        String tail = plainSuffix();
        api.register("Alice" + tail);
        api.register("BOB" + tail);
        long agentsBefore = totalAgents();

        for (String lookAlike : List.of("AIice" + tail, "A1ice" + tail, "aIice" + tail, "B0B" + tail, "b0b" + tail)) {
            assertRefused(api.post("/api/register", Api.object("name", lookAlike).toString()), 409, "name_taken", "Name already taken");
        }
        assertRefused(api.post("/api/register", Api.object("name", "\u0410lice" + tail).toString()), 400, "name_invalid",
                "Name can only contain letters, numbers, _ and -");
        assertThat(totalAgents()).isEqualTo(agentsBefore);

        assertThat(api.post("/api/register", Api.object("name", "Alicia" + tail).toString()).status()).isEqualTo(200);
        assertThat(api.get("/spectator/agents/named/alice" + tail).status()).isEqualTo(200);
    }

    /** A suffix unique per run made of characters that look like no others (no i l 1 I o 0 O m r n). */
    private static String plainSuffix() {
        String plain = "bcdefghjkpqstxyz23456789";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder suffix = new StringBuilder("_");
        for (int i = 0; i < 10; i++) {
            suffix.append(plain.charAt(random.nextInt(plain.length())));
        }
        return suffix.toString();
    }

    @Test
    void malformedBodiesGetJsonErrorsAndChangeNothing() {
        long agentsBefore = totalAgents();
        assertRefused(api.post("/api/register", "{\"name\":"), 400, "invalid_request", "Request body is not valid JSON.");
        assertRefused(api.post("/api/register", "[\"name\"]"), 400, "invalid_request", "Request body must be a JSON object.");
        assertRefused(api.post("/api/register", "\"just a string\""), 400, "invalid_request", "Request body must be a JSON object.");
        assertRefused(api.post("/api/register", "{\"name\": 12345}"), 400, "invalid_request", "Field 'name' must be a string.");
        assertRefused(api.post("/api/register", "{\"name\": [\"a\"]}"), 400, "invalid_request", "Field 'name' must be a string.");
        assertRefused(api.post("/api/register", "{\"name\": \"okname\", \"avatar\": {}}"), 400, "invalid_request", "Field 'avatar' must be a string.");
        assertRefused(api.post("/api/register", ""), 400, "invalid_request", "Request body must be a JSON object.");
        assertThat(totalAgents()).isEqualTo(agentsBefore);
    }

    @Test
    void contentAfterTheJsonObjectIsMalformedOnEveryEndpoint() {
        Agent agent = api.register();
        String[] auth = {"Authorization", "Bearer " + agent.key()};
        String name = Api.uniqueName("trailing");
        long agentsBefore = totalAgents();
        for (String after : List.of(" trailing", "}", "{}", " \"x\"", "0", ",")) {
            assertRefused(api.post("/api/register", "{\"name\":\"" + name + "\"}" + after), 400, "invalid_request",
                    "Request body is not valid JSON.");
            assertRefused(api.post("/api/messages", "{\"content\":\"hello\"}" + after, auth), 400, "invalid_request",
                    "Request body is not valid JSON.");
            assertRefused(api.post("/api/verify/start", "{\"moltbookName\":\"some-bot\"}" + after, auth), 400,
                    "invalid_request", "Request body is not valid JSON.");
            assertRefused(api.post("/api/verify/complete", "{\"moltbookName\":\"some-bot\"}" + after, auth), 400,
                    "invalid_request", "Request body is not valid JSON.");
        }
        assertThat(totalAgents()).isEqualTo(agentsBefore);

        assertThat(api.post("/api/register", "{\"name\":\"" + name + "\"} \r\n\t").status())
                .as("whitespace after the object is fine").isEqualTo(200);
        assertThat(api.post("/api/messages", "{\"content\":\"after the refusals\"}\n", auth).status())
                .as("the refusals did not use up the agent's one message").isEqualTo(200);
    }

    @Test
    void wrongContentTypesAndOversizedBodiesAreRefused() {
        String name = Api.uniqueName("typed");
        Reply form = api.post("/api/register", "name=" + name, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.code()).isEqualTo("unsupported_media_type");

        String huge = Api.object("name", Api.uniqueName("big"), "avatar", "x".repeat(20_000)).toString();
        Reply tooLarge = api.post("/api/register", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("payload_too_large");

        Reply chunked = api.send("POST", "/api/register",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())),
                "Content-Type", "application/json");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.code()).isEqualTo("payload_too_large");
    }

    @Test
    void unknownFieldsAreIgnored() {
        String body = "{\"name\":\"" + Api.uniqueName("future") + "\",\"avatar\":\"🛰\",\"model\":{\"family\":\"next\"},\"tags\":[1,2]}";
        Reply reply = api.post("/api/register", body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("agent").getString("avatar")).isEqualTo("🛰");
    }

    // --- auth ---

    @Test
    void authenticatedCallsNeedAWellFormedKnownKey() {
        assertRefused(api.post("/api/heartbeat", null), 401, "unauthorized", "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
        assertRefused(api.post("/api/heartbeat", null, "Authorization", "Bearer nope"), 401, "unauthorized",
                "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
        assertRefused(api.post("/api/heartbeat", null, "Authorization", "Basic Zm9vOmJhcg=="), 401, "unauthorized",
                "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
        assertRefused(api.post("/api/heartbeat", null, "Authorization", "Bearer chatr_" + "0".repeat(32)), 401,
                "invalid_api_key", "Invalid API key");

        Agent agent = api.register();
        assertThat(api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).status()).isEqualTo(200);
        assertThat(api.post("/api/heartbeat", null, "X-API-Key", agent.key()).status()).isEqualTo(200);
    }

    // --- messages ---

    @Test
    void aPostAnswersWithTheMessageObject() {
        Agent agent = api.register();
        Reply reply = api.say(agent, "  Hello from my agent! 🤖  ");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getBoolean("success")).isTrue();
        JsonObject message = reply.json().getJsonObject("message");
        assertThat(message.getString("id")).matches("[1-9][0-9]*");
        assertThat(message.getString("agentId")).isEqualTo(agent.id());
        assertThat(message.getString("agentName")).isEqualTo(agent.name());
        assertThat(message.getString("avatar")).isEqualTo("🤖");
        assertThat(message.getString("content")).isEqualTo("Hello from my agent! 🤖");
        assertThat(message.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(message.getBoolean("moltbookVerified")).isFalse();
        assertThat(Api.isNull(message, "moltbookName")).isTrue();
        assertThat(Api.isNull(message, "ownerTwitter")).isTrue();
    }

    @Test
    void contentIsCountedInCharactersAndRefusalsDoNotUseTheAllowance() {
        Agent agent = api.register();
        assertRefused(api.post("/api/messages", "{}", "Authorization", "Bearer " + agent.key()), 400, "content_required", "Content required");
        assertRefused(api.say(agent, "   "), 400, "content_required", "Content required");
        assertRefused(api.say(agent, "x".repeat(251)), 400, "content_too_long", "Content must be 1-250 characters");
        assertRefused(api.post("/api/messages", "{\"content\": 42}", "Authorization", "Bearer " + agent.key()), 400,
                "invalid_request", "Field 'content' must be a string.");
        assertThat(api.say(agent, "🦀".repeat(250)).status()).isEqualTo(200);
    }

    @Test
    void messagesPageOldestFirst() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.say(api.register(), "page " + i).json().getJsonObject("message").getString("id"));
        }
        List<String> newest = idsOf(api.get("/api/messages?limit=5"));
        assertThat(newest).containsExactlyElementsOf(ids);

        assertThat(idsOf(api.get("/api/messages?limit=2&before=" + ids.get(4)))).containsExactly(ids.get(2), ids.get(3));
        assertThat(idsOf(api.get("/api/messages?limit=2&after=" + ids.get(0)))).containsExactly(ids.get(1), ids.get(2));
        assertThat(idsOf(api.get("/api/messages?after=" + ids.get(0) + "&before=" + ids.get(3)))).containsExactly(ids.get(1), ids.get(2));
        assertThat(idsOf(api.get("/api/messages?limit=100"))).hasSizeLessThanOrEqualTo(100).endsWith(ids.get(4));
        assertThat(idsOf(api.get("/api/messages?limit=1"))).containsExactly(ids.get(4));
        assertThat(idsOf(api.get("/api/messages"))).hasSizeLessThanOrEqualTo(50).endsWith(ids.get(4));
    }

    @Test
    void badPagingParametersAreRefused() {
        assertRefused(api.get("/api/messages?before=abc"), 400, "invalid_before", "Invalid before parameter");
        assertRefused(api.get("/api/messages?after=-1"), 400, "invalid_after", "Invalid after parameter");
        String range = "limit must be a whole number from 1 to 100";
        for (String limit : List.of("many", "0", "101", "-1", "1000", "2.5")) {
            assertRefused(api.get("/api/messages?limit=" + limit), 400, "invalid_limit", range);
        }
        Agent agent = api.register();
        assertRefused(api.get("/api/mentions?limit=0", "Authorization", "Bearer " + agent.key()), 400, "invalid_limit", range);
        assertRefused(api.get("/api/mentions?limit=101", "Authorization", "Bearer " + agent.key()), 400, "invalid_limit", range);
        assertRefused(api.get("/api/messages?after=99999999999999999999999"), 400, "invalid_after", "Invalid after parameter");
    }

    // --- presence and the agent list ---

    @Test
    void theAgentListShowsWhoIsOnlineAndDisconnectTakesEffectAtOnce() {
        Agent agent = api.register();
        assertThat(onlineNames()).contains(agent.name());

        assertThat(api.post("/api/disconnect", null, "Authorization", "Bearer " + agent.key()).json().getBoolean("success")).isTrue();
        assertThat(onlineNames()).doesNotContain(agent.name());

        assertThat(api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).json().getBoolean("success")).isTrue();
        assertThat(onlineNames()).contains(agent.name());
    }

    @Test
    void theAgentListNeverShowsKeysAndCarriesStats() {
        Agent agent = api.register();
        api.say(agent, "stats please");
        Reply reply = api.get("/api/agents");

        assertThat(reply.text()).doesNotContain(agent.key()).doesNotContain("apiKey").doesNotContain("keyHash");
        assertThat(api.get("/api/messages").text()).doesNotContain(agent.key());
        JsonObject listed = reply.json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals(agent.name())).findFirst().orElseThrow();
        assertThat(listed.keySet()).containsExactlyInAnyOrder("id", "name", "avatar", "online", "lastSeen",
                "moltbookVerified", "moltbookName", "ownerTwitter", "reputation");
        assertThat(listed.getBoolean("online")).isTrue();
        JsonObject stats = reply.json().getJsonObject("stats");
        assertThat(stats.getJsonNumber("totalAgents").longValue()).isPositive();
        assertThat(stats.getJsonNumber("onlineAgents").longValue()).isPositive();
        assertThat(stats.getJsonNumber("totalMessages").longValue()).isPositive();

        List<String> names = onlineNames();
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    // --- the rest ---

    @Test
    void healthSaysOk() {
        Reply health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("ok");
    }

    @Test
    void theGuideIsWrittenForThisDeployment() {
        Reply skills = api.get("/skills.md");
        assertThat(skills.status()).isEqualTo(200);
        assertThat(skills.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/markdown"));
        assertThat(skills.text())
                .contains("https://chat.example.test/api/register", "/api/stream", "/api/heartbeat", "Last-Event-ID")
                .doesNotContain("{{").doesNotContain("https://chat.example.test//");
        Reply llms = api.get("/llms.txt");
        assertThat(llms.status()).isEqualTo(200);
        assertThat(llms.text()).contains("https://chat.example.test").doesNotContain("{{");
    }

    @Test
    void unknownPathsAndMethodsAnswerInJson() {
        assertRefused(api.get("/api/nothing-here"), 404, "not_found", "Not found. The API is described at /skills.md");
        Reply wrongMethod = api.send("DELETE", "/api/messages", HttpRequest.BodyPublishers.noBody());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
    }

    private long totalAgents() {
        return api.get("/api/agents").json().getJsonObject("stats").getJsonNumber("totalAgents").longValue();
    }

    private List<String> onlineNames() {
        return api.get("/api/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("name")).toList();
    }

    private static List<String> idsOf(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).toList();
    }

    static void assertRefused(Reply reply, int status, String code, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject body = reply.json();
        assertThat(body.getBoolean("success")).isFalse();
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getString("error")).isEqualTo(error);
    }
}
