package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.Mcp;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coordination without chatter, over HTTP, SSE and MCP: notices that address nobody, reactions that
 * count and wake nobody, claims that hold one agent at a time and run out by themselves (after four
 * seconds here). Refusals that need an operator (deleted messages, archived channels) are in ModerationIT.
 */
@ExtendWith(SharedChatr.class)
class CoordinationIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void aNoticeAddressesNobodyButIsInHistoryAndOnTheStream() {
        Agent bob = api.register(Api.uniqueName("Bob"));
        Agent bot = api.register(Api.uniqueName("ci"));
        String question = message(api.say(bob, "did the build pass?")).getString("id");
        try (EventStream forBob = EventStream.open(stream("?for=me"), auth(bob));
             EventStream everything = EventStream.open(stream(""))) {
            await().until(() -> !forBob.ofType("history").isEmpty() && !everything.ofType("history").isEmpty());
            CompletableFuture<Reply> waiting = api.getLater("/api/mentions?after=" + question + "&wait=20", auth(bob));

            JsonObject notice = message(post(bot, Json.createObjectBuilder().add("content", "@" + bob.name() + " build 812 passed")
                    .add("replyTo", question).add("kind", "notice")));
            assertThat(notice.getString("kind")).isEqualTo("notice");
            assertThat(notice.getJsonArray("mentions")).isEmpty();
            assertThat(notice.getString("replyTo")).isEqualTo(question);
            await().until(() -> everything.messageIds().contains(Long.parseLong(notice.getString("id"))));

            JsonObject mention = message(api.say(bot, "@" + bob.name() + " and the tests too"));
            assertThat(mention.getString("kind")).isEqualTo("message");
            await().until(() -> forBob.messageIds().contains(Long.parseLong(mention.getString("id"))));
            assertThat(forBob.messageIds()).doesNotContain(Long.parseLong(notice.getString("id")));
            Reply woken = waiting.join();
            assertThat(ids(woken.json())).containsExactly(mention.getString("id"));
        }
        assertThat(ids(api.get("/api/mentions?after=" + question, auth(bob)).json())).doesNotContain(notice(bot, bob, question));
        assertThat(api.get("/api/messages?after=" + question).json().getJsonArray("messages").getValuesAs(JsonObject.class))
                .anySatisfy(m -> assertThat(m.getString("kind")).isEqualTo("notice"));
    }

    /** Posts one more notice and answers its id, to show no inbox lists it. */
    private String notice(Agent from, Agent to, String replyTo) {
        return message(post(from, Json.createObjectBuilder().add("content", "@" + to.name() + " fyi").add("replyTo", replyTo)
                .add("kind", "notice"))).getString("id");
    }

    @Test
    void aKindOtherThanMessageOrNoticeIsRefused() {
        Agent agent = api.register();
        assertRefused(post(agent, Json.createObjectBuilder().add("content", "hi").add("kind", "shout")), 400, "invalid_kind",
                "kind must be \"message\" or \"notice\"");
        assertRefused(post(agent, Json.createObjectBuilder().add("content", "hi").add("kind", 3)), 400, "invalid_request",
                "Field 'kind' must be a string.");
    }

    @Test
    void reactionsCountOncePerAgentAndGoToTheStreamsThatCarryTheMessage() {
        Agent alice = api.register(Api.uniqueName("Alice"));
        Agent bob = api.register(Api.uniqueName("Bob"));
        Agent carol = api.register(Api.uniqueName("Carol"));
        String forBob = message(api.say(alice, "@" + bob.name() + " can you check?")).getString("id");
        String notForBob = message(api.say(alice, "a message for nobody")).getString("id");
        try (EventStream bobs = EventStream.open(stream("?for=me"), auth(bob));
             EventStream everything = EventStream.open(stream(""))) {
            await().until(() -> !bobs.ofType("history").isEmpty() && !everything.ofType("history").isEmpty());

            assertThat(react(bob, forBob, "👍").json().getJsonObject("reactions")).isEqualTo(counts("👍", 1));
            assertThat(react(bob, forBob, "👍").json().getJsonObject("reactions")).as("held already").isEqualTo(counts("👍", 1));
            assertThat(react(carol, forBob, "👍").json().getJsonObject("reactions")).isEqualTo(counts("👍", 2));
            JsonObject both = react(carol, forBob, "❤️").json();
            assertThat(both.getString("messageId")).isEqualTo(forBob);
            assertThat(both.getJsonObject("reactions")).isEqualTo(Json.createObjectBuilder().add("👍", 2).add("❤️", 1).build());
            react(bob, notForBob, "🎉");

            await().until(() -> reactions(everything, forBob, notForBob).size() == 4);
            assertThat(reactions(everything, forBob, notForBob).get(3))
                    .isEqualTo(Json.createObjectBuilder().add("messageId", notForBob).add("reactions", counts("🎉", 1)).build());
            await().until(() -> bobs.ofType("reaction").size() == 3);
            assertThat(bobs.ofType("reaction")).allSatisfy(e -> assertThat(e.json().getJsonObject("data").getString("messageId"))
                    .isEqualTo(forBob));
            assertThat(bobs.ofType("reaction")).allSatisfy(e -> assertThat(e.id()).isNull());

            Reply taken = unreact(carol, forBob, "👍");
            assertThat(taken.status()).isEqualTo(200);
            assertThat(taken.json().getJsonObject("reactions")).isEqualTo(Json.createObjectBuilder().add("👍", 1).add("❤️", 1).build());
            assertThat(unreact(carol, forBob, "👍").json().getJsonObject("reactions")).as("not held")
                    .isEqualTo(Json.createObjectBuilder().add("👍", 1).add("❤️", 1).build());
            await().until(() -> reactions(everything, forBob, notForBob).size() == 5);
            assertThat(everything.ofType("message")).as("a reaction is no message").isEmpty();
        }
        assertThat(find(api.get("/api/messages?after=" + (Long.parseLong(forBob) - 1) + "&limit=1").json(), forBob)
                .getJsonObject("reactions")).isEqualTo(Json.createObjectBuilder().add("👍", 1).add("❤️", 1).build());
        assertThat(ids(api.get("/api/mentions?after=" + forBob, auth(alice)).json())).as("a reaction writes no inbox row").isEmpty();
    }

    @Test
    void aNewOrResumedStreamCarriesTheCountsAsTheyAre() {
        Agent author = api.register();
        Agent fan = api.register();
        String id = message(api.say(author, "resume me")).getString("id");
        String next = message(api.say(author, "and me")).getString("id");
        react(fan, id, "🦞");
        react(fan, next, "✅");
        try (EventStream fresh = EventStream.open(stream(""))) {
            await().until(() -> !fresh.ofType("history").isEmpty());
            JsonObject shown = fresh.ofType("history").get(0).json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("id").equals(id)).findFirst().orElseThrow();
            assertThat(shown.getJsonObject("reactions")).isEqualTo(counts("🦞", 1));
            assertThat(shown.get("claim")).isEqualTo(JsonValue.NULL);
        }
        try (EventStream resumed = EventStream.open(stream(""), "Last-Event-ID", id)) {
            await().until(() -> resumed.messageIds().contains(Long.parseLong(next)));
            assertThat(resumed.ofType("message").get(0).json().getJsonObject("data").getJsonObject("reactions"))
                    .isEqualTo(counts("✅", 1));
        }
    }

    @Test
    void onlyTheAllowedReactionsExactlyAsWritten() {
        Agent author = api.register();
        String id = message(api.say(author, "react to me")).getString("id");
        String refused = "A reaction is one of: 👍 👎 ❤️ 😂 🎉 🤔 👀 ✅ ❌ 🦞";
        assertRefused(react(author, id, "❤"), 400, "reaction_not_allowed", refused);
        assertRefused(react(author, id, "<b>"), 400, "reaction_not_allowed", refused);
        assertRefused(api.post("/api/messages/" + id + "/reactions", "{}", auth(author)), 400, "reaction_not_allowed", refused);
        assertRefused(api.post("/api/messages/" + id + "/reactions", "[", auth(author)), 400, "invalid_request",
                "Request body is not valid JSON.");
        assertRefused(react(author, "999999999", "👍"), 404, "message_not_found", "There is no message with this id");
        assertRefused(react(author, "x", "👍"), 404, "message_not_found", "There is no message with this id");
        assertThat(api.post("/api/messages/" + id + "/reactions", "{\"reaction\":\"👍\"}").status()).as("no key").isEqualTo(401);
        assertThat(find(api.get("/api/messages?after=" + (Long.parseLong(id) - 1) + "&limit=1").json(), id).getJsonObject("reactions"))
                .isEmpty();
    }

    @Test
    void reactionsHaveTheirOwnLimitAndWhatChangesNothingUsesNone() {
        Agent author = api.register();
        Agent fan = api.register();
        String id = message(api.say(author, "so many reactions")).getString("id");
        List<String> allowed = List.of("👍", "👎", "❤️", "😂", "🎉", "🤔", "👀", "✅", "❌", "🦞");
        allowed.forEach(reaction -> assertThat(react(fan, id, reaction).status()).isEqualTo(200));
        allowed.forEach(reaction -> assertThat(unreact(fan, id, reaction).status()).isEqualTo(200));
        allowed.forEach(reaction -> assertThat(react(fan, id, reaction).status()).isEqualTo(200));
        assertThat(react(fan, id, "🤔").status()).as("held already: no change, no allowance used").isEqualTo(200);
        Reply limited = unreact(fan, id, "🤔");
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(api.say(fan, "posting still works").status()).as("apart from the message limits").isEqualTo(200);
    }

    @Test
    void aClaimHoldsOneAgentAtATimeAndRunsOutByItself() {
        Agent asker = api.register();
        Agent first = api.register(Api.uniqueName("First"));
        Agent second = api.register(Api.uniqueName("Second"));
        String question = message(api.say(asker, "who can review PR 12?")).getString("id");
        try (EventStream everything = EventStream.open(stream(""))) {
            await().until(() -> !everything.ofType("history").isEmpty());
            Reply claimed = claim(first, question, "{\"note\":\"  on it, ~5 min \"}");
            assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
            JsonObject claim = claimed.json().getJsonObject("claim");
            assertThat(claim.getString("agentId")).isEqualTo(first.id());
            assertThat(claim.getString("agentName")).isEqualTo(first.name());
            assertThat(claim.getString("note")).isEqualTo("on it, ~5 min");
            Instant until = Instant.parse(claim.getString("until"));
            assertThat(until).isAfter(Instant.now());

            Reply taken = claim(second, question, null);
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.code()).isEqualTo("already_claimed");
            assertThat(taken.json().getString("agentName")).isEqualTo(first.name());
            assertThat(taken.json().getString("until")).isEqualTo(claim.getString("until"));
            assertRefused(api.send("DELETE", "/api/messages/" + question + "/claim", HttpRequest.BodyPublishers.noBody(), auth(second)),
                    403, "not_claim_holder", "Only " + first.name() + ", who holds the claim, can release it.");

            JsonObject renewed = claim(first, question, null).json().getJsonObject("claim");
            assertThat(Instant.parse(renewed.getString("until"))).isAfterOrEqualTo(until);
            assertThat(Api.isNull(renewed, "note")).isTrue();
            JsonObject read = find(api.get("/api/messages?after=" + (Long.parseLong(question) - 1) + "&limit=1").json(), question);
            assertThat(read.getJsonObject("claim").getString("agentName")).isEqualTo(first.name());

            await().atMost(Duration.ofSeconds(20)).until(() -> claims(everything, question).stream()
                    .anyMatch(data -> data.get("claim") == JsonValue.NULL));
            assertThat(claims(everything, question).get(0).getJsonObject("claim").getString("agentName")).isEqualTo(first.name());
            assertThat(claims(everything, question)).hasSize(3); // claimed, renewed, ran out
            JsonObject expired = find(api.get("/api/messages?after=" + (Long.parseLong(question) - 1) + "&limit=1").json(), question);
            assertThat(expired.get("claim")).as("a claim that ran out reads as null").isEqualTo(JsonValue.NULL);

            assertThat(claim(second, question, null).json().getJsonObject("claim").getString("agentName")).isEqualTo(second.name());
            Reply released = api.send("DELETE", "/api/messages/" + question + "/claim", HttpRequest.BodyPublishers.noBody(), auth(second));
            assertThat(released.status()).isEqualTo(200);
            assertThat(Api.isNull(released.json(), "claim")).isTrue();
            assertThat(api.send("DELETE", "/api/messages/" + question + "/claim", HttpRequest.BodyPublishers.noBody(), auth(first))
                    .status()).as("nothing to release").isEqualTo(200);
            await().until(() -> claims(everything, question).size() == 5);
        }
    }

    @Test
    void aClaimsNoteFollowsTheRulesOfContent() {
        Agent agent = api.register();
        String id = message(api.say(agent, "note rules")).getString("id");
        assertRefused(claim(agent, id, Json.createObjectBuilder().add("note", "x".repeat(101)).build().toString()), 400,
                "note_too_long", "A claim's note is at most 100 characters");
        assertRefused(claim(agent, id, "{\"note\":\"bad \\u0000\"}"), 400, "note_invalid", "The note contains characters that are not allowed");
        assertRefused(claim(agent, id, "{\"note\":5}"), 400, "invalid_request", "Field 'note' must be a string.");
        assertThat(claim(agent, id, Json.createObjectBuilder().add("note", "🦞".repeat(100)).build().toString()).status()).isEqualTo(200);
    }

    @Test
    void overMcpTheSameRulesAndTheReadToolsShowKindReactionsAndClaim() {
        Mcp mcp = new Mcp(api);
        Agent agent = api.register(Api.uniqueName("mcp"));
        Agent other = api.register(Api.uniqueName("other"));
        String[] key = auth(agent);
        JsonObject notice = result(mcp.modern("tools/call", Mcp.call("post_message", Json.createObjectBuilder()
                .add("content", "@" + other.name() + " deploy done").add("kind", "notice")), key))
                .getJsonObject("structuredContent").getJsonObject("message");
        assertThat(notice.getString("kind")).isEqualTo("notice");
        assertThat(notice.getJsonArray("mentions")).isEmpty();
        String id = notice.getString("id");

        JsonObject reacted = result(mcp.modern("tools/call", Mcp.call("react", Json.createObjectBuilder().add("messageId", id)
                .add("reaction", "✅")), auth(other)));
        assertThat(reacted.getBoolean("isError")).isFalse();
        assertThat(reacted.getJsonObject("structuredContent").getJsonObject("reactions")).isEqualTo(counts("✅", 1));
        JsonObject claimed = result(mcp.modern("tools/call", Mcp.call("claim_message", Json.createObjectBuilder().add("messageId", id)
                .add("note", "checking")), key));
        assertThat(claimed.getJsonObject("structuredContent").getJsonObject("claim").getString("note")).isEqualTo("checking");
        JsonObject refused = result(mcp.modern("tools/call", Mcp.call("claim_message", Json.createObjectBuilder().add("messageId", id)),
                auth(other)));
        assertThat(refused.getBoolean("isError")).isTrue();
        assertThat(refused.getJsonObject("_meta").getJsonObject("ai.chatr/refusal").getString("code")).isEqualTo("already_claimed");

        JsonObject read = result(mcp.modern("tools/call", Mcp.call("read_messages", Json.createObjectBuilder()
                .add("after", Long.parseLong(id) - 1).add("limit", 1))));
        assertThat(read.getJsonArray("content").getJsonObject(0).getString("text"))
                .contains("kind=\"notice\"", "reactions=\"✅ 1\"", "claimed-by=\"" + agent.name() + "\"");
        JsonObject shown = read.getJsonObject("structuredContent").getJsonArray("messages").getJsonObject(0);
        assertThat(shown.getString("kind")).isEqualTo("notice");
        assertThat(shown.getJsonObject("claim").getString("agentName")).isEqualTo(agent.name());

        JsonObject taken = result(mcp.modern("tools/call", Mcp.call("react", Json.createObjectBuilder().add("messageId", id)
                .add("reaction", "✅").add("remove", true)), auth(other)));
        assertThat(taken.getJsonObject("structuredContent").getJsonObject("reactions")).isEmpty();
        JsonObject released = result(mcp.modern("tools/call", Mcp.call("release_claim", Json.createObjectBuilder().add("messageId", id)), key));
        assertThat(released.getJsonObject("structuredContent").get("claim")).isEqualTo(JsonValue.NULL);
        JsonObject notAllowed = result(mcp.modern("tools/call", Mcp.call("react", Json.createObjectBuilder().add("messageId", id)
                .add("reaction", "🙂")), key));
        assertThat(notAllowed.getBoolean("isError")).isTrue();
    }

    /** The data of the stream's reaction frames of these messages. */
    private static List<JsonObject> reactions(EventStream stream, String... ids) {
        List<String> wanted = List.of(ids);
        return stream.ofType("reaction").stream().map(e -> e.json().getJsonObject("data"))
                .filter(data -> wanted.contains(data.getString("messageId"))).toList();
    }

    /** The data of the stream's claim frames of one message. */
    private static List<JsonObject> claims(EventStream stream, String id) {
        return stream.ofType("claim").stream().map(e -> e.json().getJsonObject("data"))
                .filter(data -> data.getString("messageId").equals(id)).toList();
    }

    private static JsonObject result(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("result");
    }

    private Reply post(Agent agent, jakarta.json.JsonObjectBuilder body) {
        return api.post("/api/messages", body.build().toString(), auth(agent));
    }

    private Reply react(Agent agent, String id, String reaction) {
        return api.post("/api/messages/" + id + "/reactions", Json.createObjectBuilder().add("reaction", reaction).build().toString(),
                auth(agent));
    }

    private Reply unreact(Agent agent, String id, String reaction) {
        return api.send("DELETE", "/api/messages/" + id + "/reactions/" + URLEncoder.encode(reaction, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.noBody(), auth(agent));
    }

    private Reply claim(Agent agent, String id, String body) {
        return api.post("/api/messages/" + id + "/claim", body, auth(agent));
    }

    private URI stream(String query) {
        return URI.create(api.base() + "/api/stream" + query);
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private static JsonObject message(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("message");
    }

    private static JsonObject counts(String reaction, int count) {
        return Json.createObjectBuilder().add(reaction, count).build();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    private static JsonObject find(JsonObject page, String id) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().filter(m -> m.getString("id").equals(id))
                .findFirst().orElseThrow();
    }
}
