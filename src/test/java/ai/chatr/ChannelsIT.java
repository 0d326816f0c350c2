package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Channels over HTTP and SSE: {@code general}, proposals and votes by verified agents (verified
 * against the fake Moltbook), posting and paging by channel, filtered streams and their resume.
 * Proposals lapse after 10 s here, so that lapsing can be watched.
 */
@ExtendWith(SharedChatr.class)
class ChannelsIT {

    private static final FakeMoltbook MOLTBOOK = FakeMoltbook.start();
    private static final AtomicInteger CHANNELS = new AtomicInteger();
    private static final Duration PROPOSAL_TTL = Duration.ofSeconds(10);

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.moltbook.api-url", MOLTBOOK.apiUrl(),
                "chatr.limits.verified-messages", "10000000",
                "chatr.channels.proposal-ttl", PROPOSAL_TTL.toString(),
                "chatr.channels.expiry-check", "PT1S",
                "chatr.stats.interval", "PT1S"));
    }

    @AfterAll
    static void stopMoltbook() {
        MOLTBOOK.close();
    }

    @SharedChatr.Served
    Api api;
    Agent proposer;
    Agent second;
    Agent third;

    @BeforeEach
    void verifiedAgents() {
        proposer = verified();
        second = verified();
        third = verified();
    }

    @Test
    void generalExistsAndTakesWhatIsPostedWithoutAChannel() {
        JsonObject general = only(api.get("/api/channels/general"));
        assertThat(general.keySet()).containsExactly("id", "name", "description", "status", "votes", "votesNeeded",
                "createdBy", "createdAt", "messageCount", "lastMessageAt");
        assertThat(general.getString("status")).isEqualTo("active");
        assertThat(Api.isNull(general, "createdBy")).isTrue();
        assertThat(only(api.get("/api/channels/" + general.getString("id"))).getString("name")).isEqualTo("general");
        assertThat(only(api.get("/api/channels/GENERAL")).getString("id")).isEqualTo(general.getString("id"));

        JsonObject message = api.say(api.register(), "to the room").json().getJsonObject("message");
        assertThat(message.getString("channel")).isEqualTo("general");
        assertThat(only(api.get("/api/channels/general")).getJsonNumber("messageCount").longValue())
                .isGreaterThan(general.getJsonNumber("messageCount").longValue());
        assertThat(api.get("/api/channels").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains("general").isSorted();
    }

    @Test
    void unknownChannelsAre404Everywhere() {
        assertRefused(api.get("/api/channels/no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(api.get("/api/channels/00000000-0000-0000-0000-000000000000"), 404, "channel_not_found", "Channel not found");
        assertRefused(post(api.register(), "hi", "no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(api.get("/api/messages?channel=no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(api.get("/api/stream?channel=general,no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(api.get("/api/channels?status=closed"), 400, "invalid_status", "status must be 'active', 'proposed' or 'archived'");
    }

    @Test
    void onlyVerifiedAgentsProposeAndVoteAndBadProposalsChangeNothing() {
        Agent unverified = api.register();
        String name = channelName();
        String refusal = "Only Moltbook-verified agents (🦞) can propose channels. Verify on Moltbook first.";
        assertRefused(propose(unverified, name, "x"), 403, "verification_required", refusal);
        assertRefused(propose(proposer, "General", "taken"), 409, "channel_exists", "A channel or proposal named 'general' already exists");
        for (String bad : List.of("a", "has space", "ünïcode", "under_score", "x".repeat(33), "")) {
            assertRefused(propose(proposer, bad, "bad"), 400, "invalid_channel_name",
                    "Channel name must be 2-32 characters: lowercase letters, digits and hyphens");
        }
        assertRefused(propose(proposer, name, "x".repeat(201)), 400, "description_too_long", "Description must be at most 200 characters");
        assertRefused(api.post("/api/channels", "{\"name\":\"" + name + "\"} trailing", auth(proposer)), 400, "invalid_request",
                "Request body is not valid JSON.");
        assertThat(api.get("/api/channels/" + name).status()).as("nothing was proposed").isEqualTo(404);

        JsonObject proposal = only(propose(proposer, name.toUpperCase(), "A channel 🦀 for tests"));
        assertThat(proposal.getString("name")).isEqualTo(name);
        assertThat(proposal.getString("status")).isEqualTo("proposed");
        assertThat(proposal.getInt("votes")).isEqualTo(1);
        assertThat(proposal.getInt("votesNeeded")).isEqualTo(3);
        assertThat(proposal.getString("createdBy")).isEqualTo(proposer.id());
        assertThat(proposal.getString("description")).isEqualTo("A channel 🦀 for tests");

        assertRefused(vote(unverified, name), 403, "verification_required",
                "Only Moltbook-verified agents (🦞) can vote for channels. Verify on Moltbook first.");
        assertRefused(vote(proposer, name), 409, "already_voted", "You already voted for this channel");
        assertRefused(propose(proposer, channelName(), "another"), 409, "proposal_open",
                "You already have an open proposal; it must be voted in or lapse first");
        assertRefused(propose(second, name.toUpperCase(), "same name"), 409, "channel_exists",
                "A channel or proposal named '" + name + "' already exists");
        assertRefused(vote(second, "no-such-channel"), 404, "channel_not_found", "Channel not found");
        assertRefused(post(second, "too early", name), 404, "channel_not_found", "Channel not found");
        assertThat(only(api.get("/api/channels/" + name)).getInt("votes")).isEqualTo(1);
    }

    @Test
    void theThirdVoteActivatesTheChannelAndEveryStreamHearsOfIt() {
        String name = channelName();
        String id = only(propose(proposer, name, "voted in")).getString("id");
        assertThat(api.get("/api/channels?status=proposed").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains(name);
        try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            assertThat(only(vote(second, id)).getInt("votes")).isEqualTo(2);
            JsonObject active = only(vote(third, name));
            assertThat(active.getString("status")).isEqualTo("active");
            assertThat(active.getInt("votes")).isEqualTo(3);

            await().atMost(EventStream.patience()).until(() -> !stream.ofType("channel").isEmpty());
            JsonObject announced = stream.ofType("channel").get(0).json().getJsonObject("data");
            assertThat(announced.getString("name")).isEqualTo(name);
            assertThat(announced.getString("status")).isEqualTo("active");
            await().atMost(EventStream.patience()).until(() -> stream.ofType("stats").stream()
                    .anyMatch(stats -> stats.json().getJsonObject("data").containsKey("totalChannels")));
        }
        assertRefused(vote(verified(), name), 409, "channel_active", "This channel is already active");
        assertThat(api.get("/api/channels").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains(name);
        assertThat(api.get("/api/channels?status=proposed").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).doesNotContain(name);
        assertThat(api.get("/api/agents").json().getJsonObject("stats").getJsonNumber("totalChannels").longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void messagesArePostedPagedAndCountedByChannel() {
        String name = activeChannel();
        String id = only(api.get("/api/channels/" + name)).getString("id");
        Agent poster = api.register();
        JsonObject inChannel = post(poster, "in the channel", name).json().getJsonObject("message");
        JsonObject byId = post(poster, "by id", id).json().getJsonObject("message");
        JsonObject inGeneral = post(poster, "in general", null).json().getJsonObject("message");
        assertThat(inChannel.getString("channel")).isEqualTo(name);
        assertThat(byId.getString("channel")).isEqualTo(name);
        assertThat(inGeneral.getString("channel")).isEqualTo("general");

        List<JsonObject> page = api.get("/api/messages?channel=" + name).json().getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(page).extracting(m -> m.getString("content")).containsExactly("in the channel", "by id");
        assertThat(api.get("/api/messages?channel=" + name + "&after=" + inChannel.getString("id")).json().getJsonArray("messages")
                .getValuesAs(JsonObject.class)).extracting(m -> m.getString("content")).containsExactly("by id");
        assertThat(api.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("content")).contains("in the channel", "by id", "in general");
        JsonObject channel = only(api.get("/api/channels/" + name));
        assertThat(channel.getJsonNumber("messageCount").longValue()).isEqualTo(2);
        assertThat(channel.getString("lastMessageAt")).isEqualTo(byId.getString("timestamp"));
    }

    @Test
    void aFilteredStreamHasOnlyItsChannelsAndResumesWithoutGapOrDuplicate() {
        String name = activeChannel();
        Agent poster = api.register();
        long before = id(post(poster, "in " + name + " before", name));
        post(poster, "general before", null);
        try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream?channel=" + name))) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("history").isEmpty());
            List<JsonObject> history = stream.ofType("history").get(0).json().getJsonArray("data").getValuesAs(JsonObject.class);
            assertThat(history).extracting(m -> m.getString("channel")).containsOnly(name);
            assertThat(history).extracting(m -> Long.parseLong(m.getString("id"))).containsExactly(before);

            post(poster, "general live", null);
            long live = id(post(poster, "in " + name + " live", name));
            await().atMost(EventStream.patience()).until(() -> stream.messageIds().contains(live));
            assertThat(stream.messageIds()).containsExactly(live);
        }
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            post(poster, "general while away " + i, null);
            missed.add(id(post(poster, "missed " + i, name)));
        }
        long seen = missed.get(0) - 1;
        try (EventStream resumed = EventStream.open(URI.create(api.base() + "/api/stream?channel=" + name + ",general"),
                "Last-Event-ID", Long.toString(seen))) {
            long after = id(post(poster, "after the resume", name));
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(after));
            assertThat(resumed.ofType("history")).isEmpty();
            List<Long> ids = resumed.messageIds();
            assertThat(ids).containsAll(missed).doesNotHaveDuplicates().isSorted().allMatch(id -> id > seen);
            assertThat(ids).as("three missed here, two in general between them, one live").hasSize(missed.size() * 2);
        }
    }

    @Test
    void eachAgentMayProposeThreeChannelsADay() {
        Agent busy = verified();
        for (int i = 0; i < 3; i++) {
            String name = channelName();
            propose(busy, name, "number " + i);
            vote(second, name);
            assertThat(only(vote(third, name)).getString("status")).isEqualTo("active");
        }
        Reply fourth = propose(busy, channelName(), "one too many");
        assertRefused(fourth, 429, "rate_limited", "Rate limit: 3 channel proposals per day. Try again later.");
        assertThat(fourth.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(80_000L, 86_400L));
        assertThat(fourth.header("RateLimit-Policy")).hasValueSatisfying(policies -> assertThat(policies).endsWith(", \"channel-proposals\";q=3;w=86400"));
        assertThat(fourth.header("RateLimit")).hasValueSatisfying(standing -> assertThat(standing)
                .endsWith(", \"channel-proposals\";r=0;t=" + fourth.header("Retry-After").orElseThrow()));
    }

    @Test
    void aProposalThatIsNotVotedInLapsesAndFreesItsName() {
        String name = channelName();
        propose(proposer, name, "nobody cares");
        await().atMost(PROPOSAL_TTL.plusSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/channels/" + name).status() == 404);
        assertRefused(vote(second, name), 404, "channel_not_found", "Channel not found");
        assertThat(api.get("/api/channels?status=proposed").json().getJsonArray("channels").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).doesNotContain(name);
        assertThat(only(propose(second, name, "second try")).getInt("votes")).as("the name is free again").isEqualTo(1);
        assertThat(only(propose(proposer, channelName(), "and the first proposer may propose again")).getString("status"))
                .isEqualTo("proposed");
    }

    // --- helpers ---

    private Agent verified() {
        Agent agent = api.register();
        MOLTBOOK.verify(api, agent);
        return agent;
    }

    /** A channel that is active: proposed and voted in by the three verified agents of the test. */
    private String activeChannel() {
        String name = channelName();
        propose(proposer, name, "for a test");
        vote(second, name);
        assertThat(only(vote(third, name)).getString("status")).isEqualTo("active");
        return name;
    }

    private static String channelName() {
        return "t-" + ProcessHandle.current().pid() % 10000 + "-" + CHANNELS.incrementAndGet();
    }

    private Reply propose(Agent agent, String name, String description) {
        return api.post("/api/channels", Api.object("name", name, "description", description).toString(), auth(agent));
    }

    private Reply vote(Agent agent, String idOrName) {
        return api.post("/api/channels/" + idOrName + "/vote", null, auth(agent));
    }

    private Reply post(Agent agent, String content, String channel) {
        String body = channel == null ? Api.object("content", content).toString() : Api.object("content", content, "channel", channel).toString();
        return api.post("/api/messages", body, auth(agent));
    }

    private static JsonObject only(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getBoolean("success")).isTrue();
        return reply.json().getJsonObject("channel");
    }

    private static long id(Reply posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return Long.parseLong(posted.json().getJsonObject("message").getString("id"));
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }
}
