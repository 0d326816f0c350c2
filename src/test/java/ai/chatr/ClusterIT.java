package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.HookReceiver;
import ai.chatr.support.Launcher;
import ai.chatr.support.PostgresServer;
import ai.chatr.support.RedisServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two chatr nodes, started by the operator's launcher, sharing one PostgreSQL and one Redis:
 * they behave as one room, and keep working while Redis is away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT) // its own processes: runs beside the shared servers (failsafe configuration in pom.xml)
@ResourceLock("ClusterIT") // a lock on the class: its tests still run one after the other, in order
class ClusterIT {

    private static PostgresServer postgres;
    private static RedisServer redis;
    private static final FakeMoltbook MOLTBOOK = FakeMoltbook.start();
    private static Launcher nodeA;
    private static Launcher nodeB;
    private static Api a;
    private static Api b;
    private static int addresses;

    @BeforeAll
    static void startTheRoom() throws Exception {
        postgres = PostgresServer.start();
        redis = RedisServer.start();
        Map<String, String> environment = Map.ofEntries(
                Map.entry("CHATR_DB_URL", postgres.newDatabase()),
                Map.entry("CHATR_DB_USER", postgres.user()),
                Map.entry("CHATR_DB_PASSWORD", postgres.password()),
                Map.entry("CHATR_REDIS_URL", redis.url()),
                Map.entry("CHATR_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("CHATR_LIMITS_STREAMS_PER_IP", "3"),
                Map.entry("CHATR_STREAM_HEARTBEAT", "PT1S"),
                Map.entry("CHATR_STREAM_CATCH_UP", "PT1S"),
                Map.entry("CHATR_MOLTBOOK_API_URL", MOLTBOOK.apiUrl()),
                Map.entry("CHATR_ADMIN_TOKEN_HASH", Admin.TOKEN_HASH),
                // only the relay can make a ban or an archived channel count on the other node in time
                Map.entry("CHATR_AGENTS_KEY_CACHE", "PT1M"),
                Map.entry("CHATR_CHANNELS_CACHE", "PT1M"),
                Map.entry("CHATR_STATS_INTERVAL", "PT5M"), // only the relay can make presence show on the other node in time
                Map.entry("CHATR_HOOKS_ALLOWED_HOSTS", HookReceiver.ALLOWED),
                Map.entry("CHATR_HOOKS_POLL", "PT0.2S"));
        Path target = Path.of("target").toAbsolutePath();
        nodeA = Launcher.start(Files.createTempDirectory(target, "node-a-"), Launcher.freePort(), environment);
        nodeB = Launcher.start(Files.createTempDirectory(target, "node-b-"), Launcher.freePort(), environment);
        a = new Api(nodeA.base().toURL());
        b = new Api(nodeB.base().toURL());
    }

    @AfterAll
    static void stopTheRoom() {
        for (AutoCloseable running : new AutoCloseable[] {nodeA, nodeB, redis, postgres, MOLTBOOK}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    @Order(1)
    void postsOnEitherNodeReachEveryStreamOnceInOneOrder() {
        List<EventStream> streams = List.of(open(a), open(a), open(b), open(b));
        try {
            streams.forEach(stream -> await().atMost(EventStream.patience()).until(() -> !stream.events().isEmpty()));
            List<Long> accepted = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Api node = i % 2 == 0 ? a : b;
                accepted.add(id(node.say(fresh(node).register(), "message " + i + " via node " + (i % 2 == 0 ? "A" : "B"))));
            }
            for (EventStream stream : streams) {
                await().atMost(EventStream.patience()).until(() -> stream.messageIds().containsAll(accepted));
                assertThat(stream.messageIds()).isEqualTo(accepted);
            }
            assertThat(page(a)).isEqualTo(page(b)).endsWith(accepted.toArray(Long[]::new));
        } finally {
            streams.forEach(EventStream::close);
        }
    }

    @Test
    @Order(2)
    void anUnverifiedAgentsSecondPostIsRefusedOnTheOtherNode() {
        Agent agent = fresh(a).register();
        assertThat(a.say(agent, "first, on A").status()).isEqualTo(200);
        Reply second = b.say(agent, "second, on B");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.code()).isEqualTo("rate_limited");
    }

    @Test
    @Order(3)
    void theStreamLimitPerAddressCountsAcrossNodes() {
        String address = nextAddress();
        List<EventStream> streams = new ArrayList<>();
        try {
            streams.add(open(a, address));
            streams.add(open(a, address));
            streams.add(open(b, address));
            assertThat(streams).allSatisfy(stream -> assertThat(stream.status()).isEqualTo(200));
            assertThat(a.from(address).get("/api/stream").status()).isEqualTo(429);
            assertThat(b.from(address).get("/api/stream").status()).isEqualTo(429);
        } finally {
            streams.forEach(EventStream::close);
        }
    }

    @Test
    @Order(4)
    void whoIsOnlineChangesLiveOnTheOtherNodesPage() {
        try (EventStream page = EventStream.open(URI.create(b.base() + "/spectator/stream"), "X-Forwarded-For", nextAddress())) {
            await().atMost(EventStream.patience()).until(() -> !page.events().isEmpty());
            Api onA = fresh(a);
            Agent agent = onA.register();
            String card = "Profile of " + agent.name();
            assertThat(onA.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).status()).isEqualTo(200);
            await().atMost(EventStream.patience()).until(() -> newestOnlineList(page).contains(card));

            assertThat(onA.post("/api/disconnect", null, "Authorization", "Bearer " + agent.key()).status()).isEqualTo(200);
            await().atMost(EventStream.patience()).until(() -> !newestOnlineList(page).contains(card));
        }
    }

    /** The spectator stream's newest online list (its items are {@code <li>}s), or "" before the first. */
    private static String newestOnlineList(EventStream page) {
        List<EventStream.Event> lists = page.events().stream().filter(e -> e.data().startsWith("<li")).toList();
        return lists.isEmpty() ? "" : lists.get(lists.size() - 1).data();
    }

    @Test
    @Order(5)
    void aListenerResumesOnTheOtherNode() {
        Agent agent = fresh(a).register();
        long seen;
        try (EventStream onA = open(a)) {
            seen = id(a.say(agent, "seen on A"));
            await().atMost(EventStream.patience()).until(() -> onA.messageIds().contains(seen));
        }
        long missed = id(b.say(fresh(b).register(), "missed, posted on B"));
        try (EventStream onB = EventStream.open(URI.create(b.base() + "/api/stream"), "Last-Event-ID", Long.toString(seen),
                "X-Forwarded-For", nextAddress())) {
            await().atMost(EventStream.patience()).until(() -> onB.messageIds().contains(missed));
            assertThat(onB.messageIds()).containsExactly(missed);
        }
    }

    @Test
    @Order(6)
    void aChannelVotedInOnOneNodeIsAnnouncedAndUsableOnTheOtherAtOnce() {
        List<Agent> voters = List.of(verified(a), verified(b), verified(a));
        String name = "cluster-" + ProcessHandle.current().pid() % 10000;
        assertThat(a.post("/api/channels", Api.object("name", name, "description", "two nodes").toString(), auth(voters.get(0))).status())
                .isEqualTo(200);
        assertThat(b.get("/api/channels?status=proposed").text()).contains(name);
        Reply duplicate = b.post("/api/channels", Api.object("name", name).toString(), auth(voters.get(1)));
        assertThat(duplicate.code()).as("names are unique across nodes").isEqualTo("channel_exists");
        assertThat(b.post("/api/channels/" + name + "/vote", null, auth(voters.get(1))).status()).isEqualTo(200);
        try (EventStream onB = open(b)) {
            await().atMost(EventStream.patience()).until(() -> !onB.ofType("history").isEmpty());
            assertThat(a.post("/api/channels/" + name + "/vote", null, auth(voters.get(2))).json().getJsonObject("channel")
                    .getString("status")).isEqualTo("active");
            await("the other node announces it").atMost(EventStream.patience()).until(() -> !onB.ofType("channel").isEmpty());
            assertThat(onB.ofType("channel").get(0).json().getJsonObject("data").getString("name")).isEqualTo(name);
        }
        try (EventStream filteredOnA = EventStream.open(URI.create(a.base() + "/api/stream?channel=" + name))) {
            Reply posted = b.post("/api/messages", Api.object("content", "posted on B", "channel", name).toString(), auth(voters.get(1)));
            assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
            long id = id(posted);
            await().atMost(EventStream.patience()).until(() -> filteredOnA.messageIds().contains(id));
            assertThat(a.get("/api/channels/" + name).json().getJsonObject("channel").getJsonNumber("messageCount").longValue()).isEqualTo(1);
        }
    }

    @Test
    @Order(7)
    void waitsAndStreamsForOneAgentHearWhatIsPostedOnTheOtherNode() {
        Agent me = fresh(b).register();
        Agent other = fresh(a).register();
        long last = Long.parseLong(a.get("/api/messages?limit=1").json().getJsonArray("messages").getJsonObject(0).getString("id"));
        CompletableFuture<Reply> waiting = b.getLater("/api/mentions?after=" + last + "&wait=20", auth(me));
        try (EventStream forMe = EventStream.open(URI.create(b.base() + "/api/stream?for=me"), auth(me))) {
            await().atMost(EventStream.patience()).until(() -> !forMe.ofType("history").isEmpty());
            a.say(fresh(a).register(), "not for anyone");
            long mention = id(a.say(other, "@" + me.name() + " from node A"));
            Reply answered = waiting.orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(answered.json().getJsonArray("messages").getValuesAs(JsonObject.class)).extracting(m -> m.getString("id"))
                    .containsExactly(Long.toString(mention));
            await().atMost(EventStream.patience()).until(() -> forMe.messageIds().contains(mention));
            assertThat(forMe.messageIds()).containsExactly(mention);
        }
    }

    @Test
    @Order(8)
    void whatTheOperatorDoesOnOneNodeCountsOnTheOtherAtOnce() {
        Admin onA = new Admin(a);
        Agent agent = fresh(b).register();
        try (EventStream onB = open(b)) {
            await().atMost(EventStream.patience()).until(() -> !onB.ofType("history").isEmpty());
            long doomed = id(a.say(agent, "to be deleted on A"));
            await().atMost(EventStream.patience()).until(() -> onB.messageIds().contains(doomed));
            assertThat(onA.deleteMessage(Long.toString(doomed)).status()).isEqualTo(200);
            await("B's stream hears of it").atMost(EventStream.patience()).until(() -> onB.ofType("deleted").stream()
                    .anyMatch(e -> e.json().getJsonObject("data").getString("id").equals(Long.toString(doomed))));
            assertThat(page(b)).doesNotContain(doomed);
            try (EventStream freshOnB = open(b)) {
                await().atMost(EventStream.patience()).until(() -> !freshOnB.ofType("history").isEmpty());
                assertThat(freshOnB.ofType("history").get(0).data()).doesNotContain("\"id\":\"" + doomed + "\"");
            }
        }

        Api viaB = fresh(b);
        assertThat(viaB.post("/api/heartbeat", null, auth(agent)).status()).as("B remembers the key").isEqualTo(200);
        assertThat(onA.post("/api/admin/agents/" + agent.name() + "/ban", Api.object("reason", "banned on A").toString()).status())
                .isEqualTo(200);
        await("B refuses the key").atMost(EventStream.patience()).until(() -> viaB.get("/api/mentions", auth(agent)).status() == 403);
        assertThat(viaB.get("/api/mentions", auth(agent)).code()).isEqualTo("agent_banned");

        Agent poster = fresh(b).register();
        String channel = "ops-cluster-" + ProcessHandle.current().pid() % 10000;
        assertThat(onA.post("/api/admin/channels", Api.object("name", channel).toString()).status()).isEqualTo(200);
        assertThat(viaB.post("/api/messages", Api.object("content", "B knows it", "channel", channel).toString(), auth(poster)).status())
                .isEqualTo(200);
        assertThat(onA.delete("/api/admin/channels/" + channel).status()).isEqualTo(200);
        await("B refuses posts to it").atMost(EventStream.patience()).until(() -> "channel_archived".equals(
                viaB.post("/api/messages", Api.object("content", "too late", "channel", channel).toString(), auth(poster)).code()));
        assertThat(b.get("/api/admin/audit", "Authorization", "Bearer " + Admin.SECRET).json().getJsonArray("entries")
                .getValuesAs(JsonObject.class)).extracting(e -> e.getString("action")).as("one audit for the room")
                .endsWith("delete_message", "ban", "create_channel", "archive_channel");
    }

    /**
     * Mentions of one agent posted on both nodes, each by another agent: its hook gets every one
     * exactly once, and each delivery took one attempt by one node (a node sends only what it leased).
     */
    @Test
    @Order(9)
    void aHookGetsEveryMentionFromEitherNodeExactlyOnce() {
        try (HookReceiver receiver = HookReceiver.start()) {
            Agent alice = fresh(a).register();
            Reply created = a.post("/api/hooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"mention\"]}", auth(alice));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String hookId = created.json().getJsonObject("hook").getString("id");
            List<String> mentions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? a : b;
                mentions.add(Long.toString(id(node.say(fresh(node).register(), "@" + alice.name() + " number " + i))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> mentions.stream().allMatch(id -> !receiver.about(id).isEmpty()));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(b.get("/api/hooks/" + hookId + "/deliveries?limit=100",
                    auth(alice)).json().getJsonArray("deliveries").getValuesAs(JsonObject.class)).hasSize(20)
                    .allSatisfy(line -> {
                        assertThat(line.getString("status")).isEqualTo("delivered");
                        assertThat(line.getInt("attempts")).isEqualTo(1);
                    }));
            assertThat(mentions).allSatisfy(id -> assertThat(receiver.about(id)).as("deliveries of " + id).hasSize(1));
        }
    }

    @Test
    @Order(100) // last: it kills Redis
    void withoutRedisPostingGoesOnAndNodesCatchUpThenRelayAgain() {
        try (EventStream onA = open(a); EventStream onB = open(b)) {
            await().atMost(EventStream.patience()).until(() -> !onA.events().isEmpty() && !onB.events().isEmpty());
            redis.kill();

            Reply duringOutage = a.say(fresh(a).register(), "posted while Redis is down");
            assertThat(duringOutage.status()).as(duringOutage.toString()).isEqualTo(200);
            long outageId = id(duringOutage);
            await().atMost(EventStream.patience()).until(() -> onA.messageIds().contains(outageId));
            await().atMost(EventStream.patience()).until(() -> onB.messageIds().contains(outageId));

            redis.restart();
            List<Long> after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Reply reply = b.say(fresh(b).register(), "after Redis came back " + i);
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                after.add(id(reply));
            }
            await().atMost(EventStream.patience()).until(() -> onA.messageIds().containsAll(after));
            assertThat(onA.messageIds()).isEqualTo(onB.messageIds()).doesNotHaveDuplicates().isSorted();
        }
    }

    private static Agent verified(Api node) {
        Api from = fresh(node);
        Agent agent = from.register();
        MOLTBOOK.verify(from, agent);
        return agent;
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private static Api fresh(Api node) {
        return node.from(nextAddress());
    }

    private static synchronized String nextAddress() {
        addresses++;
        return "198.18." + (addresses / 250) + "." + (addresses % 250 + 1);
    }

    /** A stream from an address of its own (three streams per address is the limit here). */
    private static EventStream open(Api node) {
        return open(node, nextAddress());
    }

    private static EventStream open(Api node, String address) {
        return EventStream.open(URI.create(node.base() + "/api/stream"), "X-Forwarded-For", address);
    }

    private static List<Long> page(Api node) {
        return node.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> Long.parseLong(m.getString("id"))).toList();
    }

    private static long id(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Long.parseLong(reply.json().getJsonObject("message").getString("id"));
    }
}
