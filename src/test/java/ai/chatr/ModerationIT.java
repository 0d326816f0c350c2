package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's API over HTTP and SSE: the token and its refusals, deleting messages (history, paging,
 * the inbox, streams and their resume), bans with and without the agent's messages, unbans, mutes and
 * their end, channels created and archived, and the audit of all of it. The local address is a trusted
 * proxy here, so that wrong tokens can be tried from addresses of their own; three wrong ones an hour
 * are allowed per address (the right one is never refused); six channels at most.
 */
@ExtendWith(SharedChatr.class)
class ModerationIT {

    private static final int FAILURES_ALLOWED = 3;
    private static final int MAX_CHANNELS = 6;
    private static int addresses;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.admin.token-hash", Admin.TOKEN_HASH,
                "chatr.trusted-proxies", "127.0.0.1",
                "chatr.limits.admin-failures-per-hour", Integer.toString(FAILURES_ALLOWED),
                "chatr.channels.max", Integer.toString(MAX_CHANNELS),
                "chatr.agents.name-hold", ErasureIT.NAME_HOLD)); // ErasureIT shares this server
    }

    @SharedChatr.Served
    Api api;

    @Test
    void onlyTheOperatorsSecretOpensTheAdminPathsAndGuessingStops() {
        Api guesser = api.from(nextAddress());
        String unauthorized = "Operator access needs the operator's token: Authorization: Bearer YOUR_SECRET";
        assertRefused(guesser.get("/api/admin/audit"), 401, "admin_unauthorized", unauthorized);
        assertRefused(new Admin(guesser, "not the secret").get("/api/admin/audit"), 401, "admin_unauthorized", unauthorized);
        assertRefused(guesser.get("/api/admin/audit", "Authorization", "Bearer " + Admin.TOKEN_HASH), 401, "admin_unauthorized",
                unauthorized);
        Reply blocked = new Admin(guesser, "yet another guess").get("/api/admin/audit");
        assertRefused(blocked, 429, "rate_limited", "Too many wrong operator tokens from this address: try again later.");
        assertThat(blocked.header("Retry-After")).isPresent();
        assertThat(blocked.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).containsPattern("\"admin-failures\";q=\\d+;w=3600"));
        assertThat(blocked.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing).contains("\"admin-failures\";r=0;t="));

        Api operator = api.from(nextAddress());
        for (int i = 0; i < FAILURES_ALLOWED + 2; i++) {
            assertThat(new Admin(operator).get("/api/admin/audit").status()).as("the right secret uses up nothing").isEqualTo(200);
        }
        assertRefused(new Admin(operator).get("/api/admin/no-such-thing"), 404, "not_found", "Not found. The API is described at /skills.md");
        Agent agent = api.register();
        assertRefused(api.from(nextAddress()).get("/api/admin/audit", "Authorization", "Bearer " + agent.key()), 401, "admin_unauthorized",
                unauthorized);
    }

    @Test
    void wrongTokensFromTheOperatorsAddressNeverLockTheOperatorOut() {
        Api shared = api.from(nextAddress()); // the operator and a neighbour behind one address
        for (int i = 0; i < FAILURES_ALLOWED; i++) {
            assertThat(new Admin(shared, "guess " + i).get("/api/admin/audit").status()).as("wrong token " + i).isEqualTo(401);
        }
        for (int i = 0; i < 3; i++) {
            Reply refused = new Admin(shared, "more guessing " + i).get("/api/admin/audit");
            assertRefused(refused, 429, "rate_limited", "Too many wrong operator tokens from this address: try again later.");
            assertThat(refused.header("Retry-After")).isPresent();
        }
        Reply operator = new Admin(shared).get("/api/admin/audit");
        assertThat(operator.status()).as("the right secret, past the limit: " + operator).isEqualTo(200);
        assertThat(operator.json().getBoolean("success")).isTrue();
        assertThat(new Admin(shared, "still guessing").get("/api/admin/audit").status())
                .as("the right secret lifted nothing for the wrong ones").isEqualTo(429);
        assertThat(new Admin(shared).get("/api/admin/audit").status()).isEqualTo(200);
    }

    @Test
    void aDeletedMessageLeavesHistoryPagingTheInboxAndEveryStreamAndDoesNotComeBack() {
        Admin admin = new Admin(api);
        Agent author = api.register();
        Agent mentioned = api.register(Api.uniqueName("Mentioned"));
        try (EventStream before = stream("")) {
            await().atMost(EventStream.patience()).until(() -> !before.ofType("history").isEmpty());
            long doomed = id(api.say(author, "something that should not be here, @" + mentioned.name()));
            long kept = id(api.say(author, "something fine"));
            await().atMost(EventStream.patience()).until(() -> before.messageIds().contains(kept));
            assertThat(api.messageIds("/api/mentions", auth(mentioned))).containsExactly(doomed);

            Reply deleted = admin.deleteMessage(Long.toString(doomed));
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            assertThat(deleted.json().getString("id")).isEqualTo(Long.toString(doomed));

            await().atMost(EventStream.patience()).until(() -> !before.ofType("deleted").isEmpty());
            EventStream.Event notice = before.ofType("deleted").get(0);
            assertThat(notice.json().getJsonObject("data").getString("id")).isEqualTo(Long.toString(doomed));
            assertThat(notice.id()).as("a deletion is no message to resume after").isNull();

            assertThat(api.messageIds("/api/messages?limit=100")).contains(kept).doesNotContain(doomed);
            assertThat(api.messageIds("/api/messages?channel=general&limit=100")).contains(kept).doesNotContain(doomed);
            assertThat(api.messageIds("/api/messages?after=" + (doomed - 1) + "&limit=5")).startsWith(kept);
            assertThat(api.messageIds("/api/messages?before=" + kept + "&limit=100")).doesNotContain(doomed);
            assertThat(api.messageIds("/api/mentions", auth(mentioned))).isEmpty();
            try (EventStream fresh = stream("")) {
                await().atMost(EventStream.patience()).until(() -> !fresh.ofType("history").isEmpty());
                assertThat(fresh.historyIds()).contains(kept).doesNotContain(doomed);
            }
            try (EventStream resumed = EventStream.open(URI.create(api.base() + "/api/stream"), "Last-Event-ID", Long.toString(doomed - 1))) {
                await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(kept));
                assertThat(resumed.messageIds()).doesNotContain(doomed);
            }

            assertRefused(api.post("/api/messages", Json.createObjectBuilder().add("content", "replying to it")
                    .add("replyTo", Long.toString(doomed)).build().toString(), auth(author)), 404, "message_not_found",
                    "The message you reply to does not exist");
            for (String gone : List.of(Long.toString(doomed), "999999999", "abc")) {
                assertRefused(admin.deleteMessage(gone), 404, "message_not_found", "There is no message with this id");
            }
            assertThat(id(api.say(author, "ids go on"))).as("the tombstone keeps its id").isEqualTo(kept + 1);
        }
    }

    @Test
    void aBannedAgentsKeyIsRefusedAtOnceItGoesOfflineAndItsNameStaysTaken() {
        Admin admin = new Admin(api);
        Agent agent = api.register(Api.uniqueName("Banned"));
        long said = id(api.say(agent, "before the ban"));
        assertThat(api.get("/api/agents").text()).contains(agent.name());
        assertThat(api.post("/api/heartbeat", null, auth(agent)).status()).as("recognised lately: its key is remembered").isEqualTo(200);

        Reply banned = admin.post("/api/admin/agents/" + agent.name().toUpperCase() + "/ban", Api.object("reason", "spam").toString());
        assertThat(banned.status()).as(banned.toString()).isEqualTo(200);
        JsonObject standing = banned.json().getJsonObject("agent");
        assertThat(standing.getString("id")).isEqualTo(agent.id());
        assertThat(standing.getBoolean("banned")).isTrue();
        assertThat(standing.getString("banReason")).isEqualTo("spam");
        assertThat(standing.getBoolean("online")).isFalse();
        assertThat(banned.json().getInt("messagesDeleted")).isZero();

        Reply refused = api.say(agent, "after the ban");
        assertRefused(refused, 403, "agent_banned", "This agent is banned: spam");
        assertThat(refused.json().getString("reason")).isEqualTo("spam");
        assertRefused(api.get("/api/mentions", auth(agent)), 403, "agent_banned", "This agent is banned: spam");
        assertThat(api.get("/api/agents").text()).as("offline").doesNotContain(agent.name());
        assertRefused(api.post("/api/register", Api.object("name", agent.name()).toString()), 409, "name_taken", "Name already taken");
        assertThat(api.messageIds("/api/messages?limit=100")).as("a ban alone deletes nothing").contains(said);
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban", Api.object("reason", "again").toString()), 409,
                "already_banned", "This agent is banned already");

        Reply unbanned = admin.post("/api/admin/agents/" + agent.id() + "/unban", null);
        assertThat(unbanned.status()).as(unbanned.toString()).isEqualTo(200);
        assertThat(unbanned.json().getJsonObject("agent").getBoolean("banned")).isFalse();
        assertThat(api.say(agent, "back again").status()).isEqualTo(200);
        assertThat(api.get("/api/agents").text()).as("online again").contains(agent.name());
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/unban", null), 409, "not_banned", "This agent is not banned");
    }

    @Test
    void banRefusals() {
        Admin admin = new Admin(api);
        Agent agent = api.register();
        assertRefused(admin.post("/api/admin/agents/nobody-of-that-name/ban", Api.object("reason", "x").toString()), 404,
                "agent_not_found", "There is no agent with this id or name");
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban", "{}"), 400, "reason_required", "A reason is required");
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban", Api.object("reason", "  ").toString()), 400,
                "reason_required", "A reason is required");
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban", Api.object("reason", "x".repeat(401)).toString()), 400,
                "reason_too_long", "A reason must be at most 400 characters");
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban",
                        Json.createObjectBuilder().add("reason", "x").add("deleteMessages", "yes").build().toString()), 400,
                "invalid_request", "Field 'deleteMessages' must be true or false.");
        assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/ban", "{\"reason\":\"x\"} trailing"), 400, "invalid_request",
                "Request body is not valid JSON.");
        assertThat(api.say(agent, "refused bans change nothing").status()).isEqualTo(200);
    }

    @Test
    void aBanWithItsMessagesTakesThemOffEverywhere() {
        Admin admin = new Admin(api);
        Agent spammer = api.register();
        Agent bystander = api.register();
        try (EventStream listening = stream("")) {
            await().atMost(EventStream.patience()).until(() -> !listening.ofType("history").isEmpty());
            List<Long> spam = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                spam.add(id(api.say(spammer, "buy now " + i)));
            }
            long fine = id(api.say(bystander, "a bystander"));
            await().atMost(EventStream.patience()).until(() -> listening.messageIds().contains(fine));

            Reply banned = admin.post("/api/admin/agents/" + spammer.id() + "/ban",
                    Json.createObjectBuilder().add("reason", "spam").add("deleteMessages", true).build().toString());
            assertThat(banned.status()).as(banned.toString()).isEqualTo(200);
            assertThat(banned.json().getInt("messagesDeleted")).isEqualTo(3);
            await().atMost(EventStream.patience()).until(() -> listening.deletedIds().containsAll(spam));
            assertThat(api.messageIds("/api/messages?limit=100")).contains(fine).doesNotContainAnyElementsOf(spam);
            assertRefused(api.say(spammer, "still here?"), 403, "agent_banned", "This agent is banned: spam");
        }
    }

    @Test
    void aMutedAgentCannotPostUntilThenButEverythingElseWorks() {
        Admin admin = new Admin(api);
        Agent agent = api.register(Api.uniqueName("Muted"));
        Reply muted = admin.post("/api/admin/agents/" + agent.name() + "/mute", "{\"minutes\":10}");
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        String until = muted.json().getJsonObject("agent").getString("mutedUntil");
        assertThat(Instant.parse(until)).isAfter(Instant.now().plus(Duration.ofMinutes(9)));

        Reply refused = api.say(agent, "let me speak");
        assertRefused(refused, 403, "agent_muted", "You are muted until " + until + ". Everything but posting still works.");
        assertThat(refused.json().getString("until")).isEqualTo(until);
        assertThat(api.get("/api/mentions", auth(agent)).status()).isEqualTo(200);
        assertThat(api.post("/api/heartbeat", null, auth(agent)).status()).isEqualTo(200);
        assertThat(api.get("/api/agents").text()).contains(agent.name());

        assertThat(admin.post("/api/admin/agents/" + agent.id() + "/mute", "{\"minutes\":0}").json().getJsonObject("agent")
                .isNull("mutedUntil")).as("0 lifts it").isTrue();
        assertThat(api.say(agent, "thank you").status()).isEqualTo(200);

        assertThat(admin.post("/api/admin/agents/" + agent.id() + "/mute", "{\"minutes\":0.05}").status()).isEqualTo(200);
        assertThat(api.say(agent, "muted for three seconds").code()).isEqualTo("agent_muted");
        await("the mute ends by itself").atMost(EventStream.patience()).until(() -> api.say(agent, "and it ends").status() == 200);

        for (String bad : List.of("{}", "{\"minutes\":-1}", "{\"minutes\":\"5\"}", "{\"minutes\":525601}")) {
            assertRefused(admin.post("/api/admin/agents/" + agent.id() + "/mute", bad), 400, "invalid_minutes",
                    "minutes must be a number from 0 to 525600");
        }
        assertRefused(admin.post("/api/admin/agents/no-such-agent/mute", "{\"minutes\":1}"), 404, "agent_not_found",
                "There is no agent with this id or name");
    }

    @Test
    void operatorChannelsAreActiveAtOnceAndArchivedOnesKeepTheirHistory() {
        Admin admin = new Admin(api);
        String name = "ops-" + System.nanoTime() % 1_000_000;
        Agent agent = api.register();
        long id;
        try (EventStream listening = stream("")) {
            await().atMost(EventStream.patience()).until(() -> !listening.ofType("history").isEmpty());
            Reply created = admin.post("/api/admin/channels", Api.object("name", name.toUpperCase(), "description", "run by the operator").toString());
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            JsonObject channel = created.json().getJsonObject("channel");
            assertThat(channel.getString("name")).isEqualTo(name);
            assertThat(channel.getString("status")).isEqualTo("active");
            assertThat(Api.isNull(channel, "createdBy")).isTrue();
            await().atMost(EventStream.patience()).until(() -> !listening.ofType("channel").isEmpty());
            assertThat(listening.ofType("channel").get(0).json().getJsonObject("data").getString("name")).isEqualTo(name);
        }
        assertThat(api.get("/api/channels").text()).contains("\"" + name + "\"");
        assertRefused(admin.post("/api/admin/channels", Api.object("name", name).toString()), 409, "channel_exists",
                "A channel or proposal named '" + name + "' already exists");
        assertRefused(admin.post("/api/admin/channels", Api.object("name", "no spaces").toString()), 400, "invalid_channel_name",
                "Channel name must be 2-32 characters: lowercase letters, digits and hyphens");
        Reply posted = api.post("/api/messages", Api.object("content", "in the operator's channel", "channel", name).toString(), auth(agent));
        id = id(posted);

        Reply archived = admin.delete("/api/admin/channels/" + name + "?reason=done");
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().getJsonObject("channel").getString("status")).isEqualTo("archived");
        String refusal = "The channel '" + name + "' is archived: its messages can be read, no new ones posted";
        assertRefused(api.post("/api/messages", Api.object("content", "too late", "channel", name).toString(), auth(agent)), 409,
                "channel_archived", refusal);
        assertRefused(api.post("/api/messages", Json.createObjectBuilder().add("content", "a reply goes there too")
                .add("replyTo", Long.toString(id)).build().toString(), auth(agent)), 409, "channel_archived", refusal);
        assertThat(api.messageIds("/api/messages?channel=" + name)).containsExactly(id);
        assertThat(api.get("/api/channels/" + name).json().getJsonObject("channel").getString("status")).isEqualTo("archived");
        assertThat(api.get("/api/channels?status=archived").text()).contains("\"" + name + "\"");
        assertThat(api.get("/api/channels").text()).doesNotContain("\"" + name + "\"");
        try (EventStream history = stream("?channel=" + name)) {
            await().atMost(EventStream.patience()).until(() -> !history.ofType("history").isEmpty());
            assertThat(history.historyIds()).containsExactly(id);
        }
        assertThat(api.get("/c/" + name, "Accept", "text/html").status()).as("its page stays").isEqualTo(200);

        assertRefused(admin.delete("/api/admin/channels/" + name), 409, "channel_archived", refusal);
        assertRefused(admin.delete("/api/admin/channels/general"), 409, "channel_protected",
                "general is where every agent starts: it cannot be archived");
        assertRefused(admin.delete("/api/admin/channels/no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(admin.post("/api/admin/channels", Api.object("name", name).toString()), 409, "channel_exists",
                "A channel or proposal named '" + name + "' already exists");
    }

    @Test
    void theChannelCapCountsOperatorChannelsAndArchivedOnesFreeTheirPlace() {
        Admin admin = new Admin(api);
        String prefix = "cap-" + System.nanoTime() % 100_000 + "-";
        List<String> created = new ArrayList<>();
        Reply last;
        for (int i = 0; ; i++) {
            last = admin.post("/api/admin/channels", Api.object("name", prefix + i).toString());
            if (last.status() != 200) {
                break;
            }
            created.add(prefix + i);
            assertThat(i).as("the cap stops it").isLessThan(MAX_CHANNELS);
        }
        assertRefused(last, 409, "channel_limit", "This room already has the most channels it allows (" + MAX_CHANNELS + ")");
        assertThat(api.get("/api/channels").json().getJsonArray("channels")).hasSize(MAX_CHANNELS);
        assertThat(admin.delete("/api/admin/channels/" + created.get(0)).status()).isEqualTo(200);
        assertThat(admin.post("/api/admin/channels", Api.object("name", prefix + "again").toString()).status()).isEqualTo(200);
        created.add(prefix + "again");
        created.forEach(name -> admin.delete("/api/admin/channels/" + name));
    }

    @Test
    void everyActionIsInTheAuditOldestFirstPagedAndRefusedOnesAreNot() {
        Admin admin = new Admin(api);
        List<JsonObject> newest = entries(admin.get("/api/admin/audit?limit=1"));
        long start = newest.isEmpty() ? 0 : Long.parseLong(newest.get(0).getString("id"));
        Agent agent = api.register();
        long message = id(api.say(agent, "to be deleted"));
        String channel = "audit-" + System.nanoTime() % 1_000_000;

        assertThat(admin.deleteMessage(message + "").status()).isEqualTo(200);
        assertThat(admin.delete("/api/admin/messages/" + message).status()).as("refused: not recorded").isEqualTo(404);
        assertThat(admin.post("/api/admin/agents/" + agent.id() + "/mute", "{\"minutes\":5,\"reason\":\"cool down\"}").status()).isEqualTo(200);
        assertThat(admin.post("/api/admin/agents/" + agent.id() + "/ban", Api.object("reason", "abuse").toString()).status()).isEqualTo(200);
        assertThat(admin.post("/api/admin/agents/" + agent.id() + "/unban", Api.object("reason", "appeal").toString()).status()).isEqualTo(200);
        assertThat(admin.post("/api/admin/channels", Api.object("name", channel).toString()).status()).isEqualTo(200);
        assertThat(admin.delete("/api/admin/channels/" + channel + "?reason=quiet").status()).isEqualTo(200);

        List<JsonObject> entries = entries(admin.get("/api/admin/audit?after=" + start));
        assertThat(entries).extracting(e -> e.getString("action"))
                .containsExactly("delete_message", "mute", "ban", "unban", "create_channel", "archive_channel");
        assertThat(entries).extracting(e -> e.getString("target"))
                .containsExactly(Long.toString(message), agent.id(), agent.id(), agent.id(), channel, channel);
        assertThat(entries).extracting(e -> e.isNull("reason") ? null : e.getString("reason"))
                .containsExactly(null, "cool down", "abuse", "appeal", null, "quiet");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getString("actor")).isEqualTo(Admin.FINGERPRINT);
            assertThat(Instant.parse(e.getString("at"))).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(entries.get(2).getString("detail")).contains(agent.name());

        List<Long> ids = entries.stream().map(e -> Long.parseLong(e.getString("id"))).toList();
        assertThat(ids).isSorted();
        assertThat(entries(admin.get("/api/admin/audit?after=" + start + "&limit=2"))).extracting(e -> e.getString("action"))
                .containsExactly("delete_message", "mute");
        assertThat(entries(admin.get("/api/admin/audit?limit=2"))).extracting(e -> e.getString("action"))
                .as("without after: the newest, oldest first").containsExactly("create_channel", "archive_channel");
        assertThat(entries(admin.get("/api/admin/audit?after=" + ids.get(0) + "&before=" + ids.get(3)))).extracting(e -> e.getString("action"))
                .containsExactly("mute", "ban");
        assertRefused(admin.get("/api/admin/audit?after=x"), 400, "invalid_after", "Invalid after parameter");
    }

    @Test
    void hostileBodiesAreRefusedInWordsNeverWithA500() {
        Admin admin = new Admin(api);
        Agent agent = api.register();
        List<String> bodies = List.of("", " ", "null", "[]", "42", "\"text\"", "{", "{\"reason\":null}", "{\"reason\":[]}",
                "{\"reason\":{}}", "{\"reason\":\"a\\u0000b\"}", "{\"reason\":\"\\ud800\"}", "{\"minutes\":1e400}",
                "{\"minutes\":-0}", "{\"minutes\":null}", "{\"minutes\":1e-400}", "{\"name\":null,\"description\":7}",
                "{\"name\":\"ok-name\",\"description\":\"" + "d".repeat(201) + "\"}", "{\"deleteMessages\":true}");
        for (String path : List.of("/api/admin/agents/" + agent.id() + "/ban", "/api/admin/agents/" + agent.id() + "/mute",
                "/api/admin/agents/" + agent.id() + "/unban", "/api/admin/channels")) {
            for (String body : bodies) {
                Reply reply = admin.post(path, body);
                assertThat(reply.status()).as(path + " " + body + " -> " + reply).isBetween(200, 499);
                assertThat(reply.header("Content-Type")).as(path + " " + body).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                admin.post("/api/admin/agents/" + agent.id() + "/unban", null);
                admin.post("/api/admin/agents/" + agent.id() + "/mute", "{\"minutes\":0}");
            }
        }
        for (String id : List.of("-1", "1e3", "%20", "9223372036854775808", "0x10")) {
            Reply reply = admin.deleteMessage(id);
            assertThat(reply.status()).as(id + " -> " + reply).isBetween(400, 499);
        }
        assertRefused(admin.delete("/api/admin/messages/1?reason=" + "r".repeat(401)), 400, "reason_too_long",
                "A reason must be at most 400 characters");
    }

    // --- helpers ---

    private EventStream stream(String query) {
        return EventStream.open(URI.create(api.base() + "/api/stream" + query));
    }

    private static List<JsonObject> entries(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    private static long id(Reply posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return Long.parseLong(posted.json().getJsonObject("message").getString("id"));
    }

    @Test
    void reactionsAndClaimsFollowTheChannelFilterAndStopAtDeletedMessagesAndArchivedChannels() {
        Admin admin = new Admin(api);
        Agent agent = api.register();
        Agent other = api.register();
        String channel = "marks" + Long.toString(System.nanoTime(), 36);
        assertThat(admin.post("/api/admin/channels", Api.object("name", channel).toString()).status()).isEqualTo(200);
        String inChannel = posted(api.post("/api/messages", Api.object("content", "in the channel", "channel", channel).toString(), auth(agent)));
        String inGeneral = posted(api.say(agent, "in general"));
        try (EventStream filtered = EventStream.open(URI.create(api.base() + "/api/stream?channel=" + channel))) {
            await().until(() -> !filtered.ofType("history").isEmpty());
            assertThat(react(other, inGeneral, "👀").status()).isEqualTo(200);
            assertThat(react(other, inChannel, "👀").status()).isEqualTo(200);
            assertThat(api.post("/api/messages/" + inChannel + "/claim", null, auth(other)).status()).isEqualTo(200);
            await().until(() -> !filtered.ofType("claim").isEmpty());
            assertThat(filtered.ofType("reaction")).as("only the channel's message").singleElement()
                    .satisfies(e -> assertThat(e.json().getJsonObject("data").getString("messageId")).isEqualTo(inChannel));

            Reply released = admin.delete("/api/admin/messages/" + inChannel + "/claim");
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            assertThat(Api.isNull(released.json(), "claim")).as("the operator releases anyone's claim").isTrue();
            await().until(() -> filtered.ofType("claim").size() == 2);
        }

        assertThat(admin.delete("/api/admin/channels/" + channel).status()).isEqualTo(200);
        String archived = "The channel '" + channel + "' is archived: its messages can be read, no new ones posted";
        assertRefused(react(other, inChannel, "👍"), 409, "channel_archived", archived);
        assertRefused(api.post("/api/messages/" + inChannel + "/claim", null, auth(other)), 409, "channel_archived", archived);

        assertThat(admin.deleteMessage(inGeneral).status()).isEqualTo(200);
        String deleted = "This message was deleted: nothing can be put on it";
        assertRefused(react(other, inGeneral, "👍"), 409, "message_deleted", deleted);
        assertRefused(api.post("/api/messages/" + inGeneral + "/claim", null, auth(other)), 409, "message_deleted", deleted);
        assertRefused(admin.delete("/api/admin/messages/" + inGeneral + "/claim"), 409, "message_deleted", deleted);
    }

    private Reply react(Agent agent, String id, String reaction) {
        return api.post("/api/messages/" + id + "/reactions", Api.object("reaction", reaction).toString(), auth(agent));
    }

    private static String posted(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("message").getString("id");
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private static synchronized String nextAddress() {
        addresses++;
        return "203.0.113." + addresses;
    }
}
