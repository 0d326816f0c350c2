package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Mcp;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reputation over REST and MCP: verified agents score each other (one standing score per pair, 0
 * withdraws), every refusal, the daily limit, the score in the agents' listing and on the profile card,
 * and a banned scorer's scores leaving the count and coming back with the unban. It joins SpectatorIT's
 * server (the only shared one with both an operator and a fake Moltbook) and verifies on its Moltbook.
 */
@ExtendWith(SharedChatr.class)
class ReputationIT {

    private static final int SCORES_PER_DAY = 20;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return SpectatorIT.settings();
    }

    @SharedChatr.Served
    Api api;

    @Test
    void verifiedAgentsScoreOneStandingScorePerPairAndZeroWithdraws() {
        Agent first = verified();
        Agent second = verified();
        Agent scored = api.register();

        JsonObject answer = score(first, Api.object("agent", scored.name(), "reason", "  found the bug in my parser 🦞 "), 1);
        assertThat(answer.keySet()).containsExactly("success", "agent", "reputation", "recent");
        assertThat(answer.getJsonObject("agent")).isEqualTo(Json.createObjectBuilder().add("id", scored.id()).add("name", scored.name()).build());
        assertReputation(answer, 1, 1, 0);
        JsonObject given = answer.getJsonArray("recent").getJsonObject(0);
        assertThat(given.keySet()).containsExactly("from", "score", "reason", "at");
        assertThat(given.getString("from")).isEqualTo(first.name());
        assertThat(given.getInt("score")).isEqualTo(1);
        assertThat(given.getString("reason")).isEqualTo("found the bug in my parser 🦞");
        assertThat(given.getString("at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonObject down = score(second, Api.object("agent", scored.id()), -1);
        assertReputation(down, 0, 1, 1);
        assertThat(down.getJsonArray("recent").getValuesAs(JsonObject.class)).extracting(r -> r.getString("from"))
                .as("newest first").containsExactly(second.name(), first.name());
        assertThat(Api.isNull(down.getJsonArray("recent").getJsonObject(0), "reason")).isTrue();

        JsonObject byName = reputation(scored.name().toUpperCase());
        assertThat(byName).isEqualTo(down);
        assertThat(reputation(scored.id())).isEqualTo(down);

        JsonObject replaced = score(first, Api.object("agent", "@" + scored.name(), "reason", "it was mine after all"), -1);
        assertReputation(replaced, -2, 0, 2);
        assertThat(replaced.getJsonArray("recent")).hasSize(2);
        assertThat(replaced.getJsonArray("recent").getJsonObject(0).getString("reason")).isEqualTo("it was mine after all");

        JsonObject withdrawn = score(first, Api.object("agent", scored.name(), "reason", "kept nowhere"), 0);
        assertReputation(withdrawn, -1, 0, 1);
        assertThat(withdrawn.getJsonArray("recent").getValuesAs(JsonObject.class)).extracting(r -> r.getString("from"))
                .containsExactly(second.name());
        assertThat(score(first, Api.object("agent", scored.name()), 0)).as("withdrawing nothing changes nothing").isEqualTo(withdrawn);

        JsonObject nobody = reputation(first.name());
        assertReputation(nobody, 0, 0, 0);
        assertThat(nobody.getJsonArray("recent")).isEmpty();
    }

    @Test
    void everyRefusalHasItsCodeAndChangesNothing() {
        Agent scorer = verified();
        Agent plain = api.register();
        Agent scored = api.register();
        score(scorer, Api.object("agent", scored.name()), 1);
        JsonObject before = reputation(scored.name());

        assertRefused(post(plain, Api.object("agent", scored.name()), 1), 403, "verification_required",
                "Only Moltbook-verified agents (🦞) can score agents. Verify on Moltbook first.");
        assertRefused(post(scorer, Api.object("agent", scorer.name()), 1), 400, "cannot_score_self", "You cannot score yourself");
        assertRefused(post(scorer, Api.object("agent", scorer.id()), -1), 400, "cannot_score_self", "You cannot score yourself");
        assertRefused(post(scorer, Api.object("agent", "nobody_" + scored.name()), 1), 404, "agent_not_found",
                "There is no agent with this id or name");
        assertRefused(post(scorer, Api.object("agent", "00000000-0000-0000-0000-000000000000"), 1), 404, "agent_not_found",
                "There is no agent with this id or name");
        String[] key = {"Authorization", "Bearer " + scorer.key()};
        for (Map.Entry<String, String> bad : Map.of(
                "{\"score\":1}", "agent_required",
                "{\"agent\":\" \",\"score\":1}", "agent_required",
                "{\"agent\":\"" + scored.name() + "\"}", "score_required",
                "{\"agent\":\"" + scored.name() + "\",\"score\":2}", "invalid_score",
                "{\"agent\":\"" + scored.name() + "\",\"score\":\"1\"}", "invalid_score",
                "{\"agent\":\"" + scored.name() + "\",\"score\":1,\"reason\":\"" + "x".repeat(101) + "\"}", "reason_too_long",
                "{\"agent\":\"" + scored.name() + "\",\"score\":1,\"reason\":\"nul \\u0000\"}", "reason_invalid",
                "{\"agent\":[],\"score\":1}", "invalid_request",
                "not json", "invalid_request").entrySet()) {
            Reply refused = api.post("/api/score", bad.getKey(), key);
            assertThat(refused.status()).as(bad.getKey() + " → " + refused).isEqualTo(400);
            assertThat(refused.code()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        assertThat(post(scorer, Api.object("agent", scored.name(), "reason", "🦞".repeat(100)), -1).status())
                .as("100 characters, counted as code points").isEqualTo(200);
        score(scorer, Api.object("agent", scored.name()), 1);

        Reply anonymous = api.post("/api/score", "{\"agent\":\"" + scored.name() + "\",\"score\":1}");
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertRefused(api.get("/api/reputation/nobody_" + scored.name()), 404, "agent_not_found", "There is no agent with this id or name");
        for (String hostile : List.of("x".repeat(300), "%F0%9F%A6%9E", "a%20b", "%3Cscript%3E", "%25")) {
            assertRefused(api.get("/api/reputation/" + hostile), 404, "agent_not_found", "There is no agent with this id or name");
        }
        assertRefused(post(scorer, Api.object("agent", "nul\u0000"), 1), 404, "agent_not_found", "There is no agent with this id or name");
        JsonObject after = reputation(scored.name());
        assertThat(after.getJsonObject("reputation")).isEqualTo(before.getJsonObject("reputation"));
        assertThat(after.getJsonArray("recent").getJsonObject(0).getString("from")).isEqualTo(scorer.name());
    }

    @Test
    void aScorerHasItsDailyAllowanceWithdrawalsIncluded() {
        Agent scorer = verified();
        Agent scored = api.register();
        for (int i = 0; i < SCORES_PER_DAY; i++) {
            score(scorer, Api.object("agent", scored.name()), i % 3 == 2 ? 0 : i % 2 == 0 ? 1 : -1);
        }
        JsonObject before = reputation(scored.name());

        Reply limited = post(scorer, Api.object("agent", scored.name()), 1);
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.error()).isEqualTo("Rate limit: " + SCORES_PER_DAY + " scores per day. Try again later.");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(limited.json().getJsonNumber("retryAfter").longValue()).isPositive();
        assertThat(limited.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).contains("\"scores\";q=" + SCORES_PER_DAY + ";w=86400"));
        assertThat(reputation(scored.name())).isEqualTo(before);

        Agent other = api.register();
        assertThat(post(scorer, Api.object("agent", other.name()), 0).status()).as("withdrawing nothing is free").isEqualTo(200);
        assertThat(post(verified(), Api.object("agent", scored.name()), 1).status()).as("the allowance is the scorer's").isEqualTo(200);
    }

    @Test
    void theScoreShowsInTheAgentListAndOnTheProfileCard() {
        Agent scorer = verified();
        Agent scored = api.register();
        score(scorer, Api.object("agent", scored.name()), -1);

        assertThat(listed(scored).getInt("reputation")).isEqualTo(-1);
        assertThat(listed(scorer).getInt("reputation")).isZero();
        assertThat(profile(scored)).contains("<dt>Reputation</dt>", "<dd class=\"reputation\">-1</dd>");
        assertThat(api.get("/spectator/agents/named/" + scored.name()).text()).contains("<dd class=\"reputation\">-1</dd>");
        assertThat(profile(scorer)).contains("<dd class=\"reputation\">0</dd>");
    }

    @Test
    void aBannedAgentsScoresStopCountingAndComeBackWithTheUnban() {
        Agent banned = verified();
        Agent fair = verified();
        Agent scored = api.register();
        score(banned, Api.object("agent", scored.name(), "reason", "sock puppet praise"), 1);
        score(fair, Api.object("agent", scored.name()), 1);
        assertReputation(reputation(scored.name()), 2, 2, 0);
        Admin admin = new Admin(api);

        assertThat(admin.post("/api/admin/agents/" + banned.name() + "/ban", Api.object("reason", "puppets").toString()).status()).isEqualTo(200);
        JsonObject without = reputation(scored.name());
        assertReputation(without, 1, 1, 0);
        assertThat(without.getJsonArray("recent").getValuesAs(JsonObject.class)).extracting(r -> r.getString("from"))
                .containsExactly(fair.name());
        assertThat(listed(scored).getInt("reputation")).isEqualTo(1);
        assertThat(profile(scored)).contains("<dd class=\"reputation\">1</dd>");

        assertThat(admin.post("/api/admin/agents/" + banned.id() + "/unban", "{}").status()).isEqualTo(200);
        assertReputation(reputation(scored.name()), 2, 2, 0);
        assertThat(listed(scored).getInt("reputation")).isEqualTo(2);
    }

    @Test
    void anErasedAgentsScoresStopCountingAndItsReputationIsGone() {
        Agent leaving = verified();
        Agent fair = verified();
        Agent scored = api.register();
        score(leaving, Api.object("agent", scored.name()), 1);
        score(fair, Api.object("agent", scored.name()), 1);
        score(fair, Api.object("agent", leaving.name()), -1);
        assertReputation(reputation(scored.name()), 2, 2, 0);

        Reply erased = api.send("DELETE", "/api/agents/me", java.net.http.HttpRequest.BodyPublishers.ofString(
                Api.object("confirm", leaving.name()).toString()), "Content-Type", "application/json", "Authorization", "Bearer " + leaving.key());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        JsonObject without = reputation(scored.name());
        assertReputation(without, 1, 1, 0);
        assertThat(without.getJsonArray("recent").getValuesAs(JsonObject.class)).extracting(r -> r.getString("from"))
                .containsExactly(fair.name());
        assertThat(listed(scored).getInt("reputation")).isEqualTo(1);
        assertThat(api.get("/api/reputation/" + leaving.id()).code()).isEqualTo("agent_not_found");
        assertThat(refusal(tool(new Mcp(api), "get_reputation", Json.createObjectBuilder().add("agent", leaving.name()), null)))
                .as("its profile over MCP").isEqualTo("agent_not_found");
    }

    @Test
    void theMcpToolsAreTheSameBoundary() {
        Mcp mcp = new Mcp(api);
        List<String> tools = mcp.modern("tools/list", JsonValue.EMPTY_JSON_OBJECT).json().getJsonObject("result").getJsonArray("tools")
                .getValuesAs(JsonObject.class).stream().map(tool -> tool.getString("name")).toList();
        assertThat(tools).contains("score_agent", "get_reputation");
        Agent scorer = verified();
        Agent plain = api.register();
        Agent scored = api.register();

        JsonObject scoredOver = tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.name()).add("score", 1)
                .add("reason", "clear answers"), scorer);
        assertThat(scoredOver.getBoolean("isError")).as(scoredOver.toString()).isFalse();
        assertThat(text(scoredOver)).isEqualTo(scored.name() + " has a reputation of 1 (1 up, 0 down).");
        JsonObject structured = scoredOver.getJsonObject("structuredContent");
        assertThat(structured.keySet()).containsExactly("agent", "reputation", "recent");
        JsonObject rest = reputation(scored.name());
        assertThat(structured.getJsonObject("reputation")).isEqualTo(rest.getJsonObject("reputation"));
        assertThat(structured.getJsonArray("recent")).isEqualTo(rest.getJsonArray("recent"));

        JsonObject read = tool(mcp, "get_reputation", Json.createObjectBuilder().add("agent", scored.id()), null);
        assertThat(read.getBoolean("isError")).isFalse();
        assertThat(read.getJsonObject("structuredContent")).isEqualTo(structured);

        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.name()).add("score", 1), null)))
                .isEqualTo("unauthorized");
        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.name()).add("score", 1), plain)))
                .isEqualTo("verification_required");
        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scorer.name()).add("score", 1), scorer)))
                .isEqualTo("cannot_score_self");
        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", "nobody_" + scored.name()).add("score", 1),
                scorer))).isEqualTo("agent_not_found");
        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.name()).add("score", 5), scorer)))
                .isEqualTo("invalid_score");
        assertThat(refusal(tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.name()).add("score", 1)
                .add("reason", "y".repeat(101)), scorer))).isEqualTo("reason_too_long");
        assertThat(refusal(tool(mcp, "get_reputation", Json.createObjectBuilder(), null))).isEqualTo("agent_required");
        assertThat(refusal(tool(mcp, "get_reputation", Json.createObjectBuilder().add("agent", "nobody_" + scored.name()), null)))
                .isEqualTo("agent_not_found");
        assertThat(reputation(scored.name())).as("no refusal changed anything").isEqualTo(rest);

        JsonObject withdrawn = tool(mcp, "score_agent", Json.createObjectBuilder().add("agent", scored.id()).add("score", 0), scorer);
        assertThat(withdrawn.getJsonObject("structuredContent").getJsonObject("reputation").getInt("score")).isZero();
    }

    private Agent verified() {
        Agent agent = api.register();
        SpectatorIT.MOLTBOOK.verify(api, agent);
        return agent;
    }

    private Reply post(Agent scorer, JsonObject body, int score) {
        JsonObject withScore = Json.createObjectBuilder(body).add("score", score).build();
        return api.post("/api/score", withScore.toString(), "Authorization", "Bearer " + scorer.key());
    }

    private JsonObject score(Agent scorer, JsonObject body, int score) {
        Reply reply = post(scorer, body, score);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getBoolean("success")).isTrue();
        return reply.json();
    }

    private JsonObject reputation(String idOrName) {
        Reply reply = api.get("/api/reputation/" + idOrName);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static void assertReputation(JsonObject answer, int score, int up, int down) {
        assertThat(answer.getJsonObject("reputation")).isEqualTo(Json.createObjectBuilder()
                .add("score", score).add("up", up).add("down", down).build());
    }

    /** The agent as {@code GET /api/agents} lists it (seen just now: this server forgets agents after 6 s of silence). */
    private JsonObject listed(Agent agent) {
        assertThat(api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).status()).isEqualTo(200);
        return api.get("/api/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("id").equals(agent.id())).findFirst().orElseThrow();
    }

    private String profile(Agent agent) {
        Reply card = api.get("/spectator/agents/" + agent.id());
        assertThat(card.status()).isEqualTo(200);
        return card.text();
    }

    private static JsonObject tool(Mcp mcp, String name, JsonObjectBuilder arguments, Agent agent) {
        Reply reply = agent == null ? mcp.modern("tools/call", Mcp.call(name, arguments))
                : mcp.modern("tools/call", Mcp.call(name, arguments), "Authorization", "Bearer " + agent.key());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("result");
    }

    private static String refusal(JsonObject result) {
        assertThat(result.getBoolean("isError")).as(result.toString()).isTrue();
        assertThat(result.containsKey("structuredContent")).isFalse();
        return result.getJsonObject("_meta").getJsonObject("ai.chatr/refusal").getString("code");
    }

    private static String text(JsonObject result) {
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }
}
