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
import ai.chatr.support.Nginx;
import ai.chatr.support.PostgresServer;
import ai.chatr.support.RawHttp;
import ai.chatr.support.RedisServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * they behave as one room, and keep working while Redis is away. nginx, run from the operator's
 * {@code payara/nginx.conf}, stands in front of them as the one address agents use.
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
    private static Map<String, String> environment;
    private static Path nodeBData;
    private static Nginx nginx;
    private static Api a;
    private static Api b;
    private static Api proxy;
    private static int addresses;

    @BeforeAll
    static void startTheRoom() throws Exception {
        postgres = PostgresServer.start();
        redis = RedisServer.start();
        environment = Map.ofEntries(
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
                Map.entry("CHATR_HOOKS_POLL", "PT0.2S"),
                Map.entry("CHATR_LOOP_MAX_EXCHANGES", Integer.toString(SafetyIT.MAX_EXCHANGES)),
                Map.entry("CHATR_LOOP_WINDOW", SafetyIT.WINDOW),
                Map.entry("CHATR_KEYS_ROTATION_GRACE", "PT4S"));
        Path target = Path.of("target").toAbsolutePath();
        nodeA = Launcher.start(Files.createTempDirectory(target, "node-a-"), Launcher.freePort(), environment);
        nodeBData = Files.createTempDirectory(target, "node-b-");
        nodeB = Launcher.start(nodeBData, Launcher.freePort(), environment);
        a = new Api(nodeA.base().toURL());
        b = new Api(nodeB.base().toURL());
        nginx = Nginx.start(Files.createTempDirectory(target, "nginx-"), nodeA.base(), nodeB.base());
        proxy = new Api(nginx.base().toURL());
    }

    @AfterAll
    static void stopTheRoom() {
        for (AutoCloseable running : new AutoCloseable[] {nginx, nodeA, nodeB, redis, postgres, MOLTBOOK}) {
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

    /**
     * Through nginx (payara/nginx.conf): a stream gets each message while it is open, however it was
     * posted (through nginx, or on either node directly), and so does the page's stream; and a node's stream
     * asks nginx not to buffer it.
     */
    @Test
    @Order(10)
    void aStreamThroughNginxGetsEachMessageAsItIsPosted() {
        try (EventStream stream = open(proxy);
             EventStream page = EventStream.open(URI.create(proxy.base() + "/spectator/stream"), "X-Forwarded-For", nextAddress())) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("history").isEmpty() && !page.events().isEmpty());
            assertThat(stream.contentType()).startsWith("text/event-stream");
            List<Long> accepted = new ArrayList<>();
            for (Api node : List.of(proxy, a, b, proxy)) {
                String content = "posted on " + node.base().getPort() + ", number " + accepted.size();
                long id = id(say(node, content));
                accepted.add(id);
                await("message " + id + " on the open stream").atMost(EventStream.patience()).until(() -> stream.messageIds().contains(id));
                await("message " + id + " on the open page").atMost(EventStream.patience())
                        .until(() -> page.events().stream().anyMatch(e -> e.data().contains(content)));
                assertThat(stream.ended()).isFalse();
                assertThat(page.ended()).isFalse();
            }
            assertThat(stream.messageIds()).isEqualTo(accepted);
        }
        // nginx 1.22 passes small events on at once with proxy_buffering on too, as long as its client reads (tried):
        // what buffering changes is that nginx reads ahead of a client that stopped reading, into a temporary file.
        // Besides the file's "proxy_buffering off", chatr asks any nginx not to buffer its streams, whatever its
        // location says: a node's stream carries X-Accel-Buffering: no (nginx acts on it and does not pass it on)
        try (EventStream direct = open(a)) {
            await().atMost(EventStream.patience()).until(() -> !direct.ofType("history").isEmpty());
            assertThat(direct.header("X-Accel-Buffering")).as("a node's stream asks proxies not to buffer it").isEqualTo("no");
        }
    }

    /**
     * X-Forwarded-For is believed from nginx (127.0.0.1, chatr.trusted-proxies) and from no one else:
     * a client that forges it through nginx is counted by its real address, on both nodes; a client
     * that sends it to a node directly is counted by its own address. The observable is the limit of
     * five registrations an hour per address.
     */
    @Test
    @Order(11)
    void forwardedForIsBelievedFromNginxOnly() {
        String client = "127.0.0.21"; // the address nginx sees; every request forges another
        for (int i = 1; i <= 5; i++) {
            assertThat(register(nginx.base(), client, "203.0.113." + i)).as("registration %d through nginx", i).isEqualTo(200);
        }
        double refusedOnA = refusals(a);
        double refusedOnB = refusals(b);
        for (int i = 0; i < 6 && (refusals(a) == refusedOnA || refusals(b) == refusedOnB); i++) {
            assertThat(register(nginx.base(), client, "203.0.113.99")).as("a sixth through nginx").isEqualTo(429);
        }
        assertThat(refusals(a)).as("node A refused one").isGreaterThan(refusedOnA);
        assertThat(refusals(b)).as("node B refused one").isGreaterThan(refusedOnB);
        assertThat(registration(a.from(client)).status()).as("the real address is used up on A").isEqualTo(429);
        assertThat(registration(b.from(client)).status()).as("and on B").isEqualTo(429);
        assertThat(registration(a.from("203.0.113.1")).status()).as("a forged address was never counted").isEqualTo(200);

        String direct = "127.0.0.22"; // not a trusted proxy: its X-Forwarded-For is not believed
        for (int i = 1; i <= 5; i++) {
            assertThat(register(i % 2 == 0 ? a.base() : b.base(), direct, "203.0.113." + (100 + i))).as("direct registration %d", i)
                    .isEqualTo(200);
        }
        assertThat(register(a.base(), direct, "203.0.113.120")).as("a sixth on A").isEqualTo(429);
        assertThat(register(b.base(), direct, "203.0.113.121")).as("a sixth on B").isEqualTo(429);
        assertThat(registration(b.from("203.0.113.120")).status()).as("the address it claimed was never counted").isEqualTo(200);
    }

    /**
     * Node B stopped (SIGTERM, as an operator does) and started again behind nginx: the streams nginx
     * had on it end, resume through nginx with Last-Event-ID on A, and later spread over both again;
     * each listener gets every message once, in order. Meanwhile a stream that hears nothing but
     * heartbeats stays open past nginx's proxy_read_timeout, and still gets what comes next.
     */
    @Test
    @Order(12)
    void aNodeRestartedBehindNginxCostsListenersNothingAndHeartbeatsKeepQuietStreamsOpen() {
        Duration readTimeout = nginx.setting("proxy_read_timeout");
        Agent quiet = fresh(a).register();
        // two streams for an agent nobody mentions until the end: nginx puts one on each node, and the one on A stays
        List<EventStream> quietStreams = List.of(forMe(quiet), forMe(quiet));
        List<Listener> listeners = new ArrayList<>();
        try {
            quietStreams.forEach(q -> await().atMost(EventStream.patience()).until(() -> !q.ofType("history").isEmpty()));
            long quietSince = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                listeners.add(new Listener());
            }
            listeners.forEach(l -> await().atMost(EventStream.patience()).until(() -> !l.current().ofType("history").isEmpty()));
            List<Long> accepted = new ArrayList<>();
            accepted.add(id(say(proxy, "before the restart")));
            awaitEvery(listeners, accepted);

            nodeB.stop();
            await("the streams nginx had on B end").atMost(EventStream.patience())
                    .until(() -> listeners.stream().anyMatch(l -> l.current().ended()));
            listeners.stream().filter(l -> l.current().ended()).forEach(Listener::resume);
            accepted.add(id(say(proxy, "while B is away")));
            accepted.add(id(say(proxy, "still while B is away")));
            awaitEvery(listeners, accepted);
            long lastRefusal = System.nanoTime(); // nginx's last attempt to connect to B was before this

            nodeB = Launcher.start(nodeBData, nodeB.base().getPort(), environment);
            // nginx skips a node for fail_timeout (10 s, its default) after the node refused a connection
            Duration skipped = Duration.ofSeconds(11).minusNanos(System.nanoTime() - lastRefusal);
            if (!skipped.isNegative()) {
                await().pollDelay(skipped).atMost(skipped.plusSeconds(1)).until(() -> true);
            }
            accepted.add(id(say(proxy, "B is back")));
            accepted.add(id(say(proxy, "B is back, again")));
            listeners.forEach(Listener::resume); // new connections go to both nodes again
            await("listeners resumed on the restarted node").atMost(EventStream.patience())
                    .until(() -> metric(b, "chatr_streams_open{kind=\"api\"") > 0);
            accepted.add(id(say(proxy, "after everyone resumed")));
            awaitEvery(listeners, accepted);
            assertThat(listeners).allSatisfy(l -> assertThat(l.received()).isEqualTo(accepted));

            Duration left = readTimeout.plusSeconds(1).minusNanos(System.nanoTime() - quietSince);
            if (!left.isNegative()) {
                await("a stream with nothing but heartbeats stays open past proxy_read_timeout " + readTimeout).during(left)
                        .atMost(left.plusSeconds(10)).until(() -> quietStreams.stream().anyMatch(ClusterIT::openWithHistoryOnly));
            }
            EventStream idle = quietStreams.stream().filter(ClusterIT::openWithHistoryOnly).findFirst()
                    .orElseThrow(() -> new AssertionError("no quiet stream outlived proxy_read_timeout " + readTimeout));
            assertThat(idle.comments()).as("heartbeats came").isNotEmpty();
            long mention = id(say(proxy, "@" + quiet.name() + " still there?"));
            await().atMost(EventStream.patience()).until(() -> idle.messageIds().contains(mention));
            assertThat(idle.messageIds()).containsExactly(mention);
        } finally {
            listeners.forEach(Listener::close);
            quietStreams.forEach(EventStream::close);
        }
    }

    /** An agent's {@code for=me} stream through nginx, from an address of its own. */
    private static EventStream forMe(Agent agent) {
        return EventStream.open(URI.create(proxy.base() + "/api/stream?for=me"), "Authorization", "Bearer " + agent.key(),
                "X-Forwarded-For", nextAddress());
    }

    private static boolean openWithHistoryOnly(EventStream stream) {
        return !stream.ended() && stream.events().size() == 1 && stream.ofType("history").size() == 1;
    }

    /** A listener through nginx, from an address of its own, that resumes with Last-Event-ID when told to. */
    private static final class Listener implements AutoCloseable {

        private final String address = nextAddress();
        private final List<EventStream> connections = new ArrayList<>(List.of(open(proxy, address)));

        EventStream current() {
            return connections.get(connections.size() - 1);
        }

        /** The message ids it received, over all its connections. */
        List<Long> received() {
            return connections.stream().flatMap(connection -> connection.messageIds().stream()).toList();
        }

        void resume() {
            List<Long> received = received();
            current().close();
            EventStream resumed = EventStream.open(URI.create(proxy.base() + "/api/stream"),
                    "Last-Event-ID", Long.toString(received.get(received.size() - 1)), "X-Forwarded-For", address);
            assertThat(resumed.status()).as("a resume through nginx").isEqualTo(200);
            connections.add(resumed);
        }

        @Override
        public void close() {
            connections.forEach(EventStream::close);
        }
    }

    private static void awaitEvery(List<Listener> listeners, List<Long> accepted) {
        for (Listener listener : listeners) {
            await().atMost(EventStream.patience()).until(() -> listener.received().containsAll(accepted));
        }
    }

    /** A message by a fresh agent from an address of its own, sent through {@code node}. */
    private static Reply say(Api node, String content) {
        Api from = fresh(node);
        return from.say(from.register(), content);
    }

    private static Reply registration(Api from) {
        return from.post("/api/register", Api.object("name", Api.uniqueName("fwd")).toString());
    }

    /** A registration sent from the loopback address {@code from}, claiming to be for {@code forwardedFor}. */
    private static int register(URI base, String from, String forwardedFor) {
        return RawHttp.status(base, from, "POST", "/api/register",
                "Content-Type: application/json\r\nX-Forwarded-For: " + forwardedFor + "\r\n",
                Api.object("name", Api.uniqueName("fwd")).toString());
    }

    /** What {@code node} has refused as {@code rate_limited} so far. */
    private static double refusals(Api node) {
        return metric(node, "chatr_refusals_total{code=\"rate_limited\"");
    }

    /** The sum of {@code node}'s {@code /metrics} lines that begin with {@code start}. */
    private static double metric(Api node, String start) {
        return node.get("/metrics", "Accept", "text/plain").text().lines()
                .filter(line -> line.startsWith(start))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    @Order(13)
    void scoresGivenOnEitherNodeAddUpAndTheDailyAllowanceIsShared() {
        Agent onA = verified(a);
        Agent onB = verified(b);
        Agent scored = fresh(a).register();
        assertThat(a.post("/api/score", "{\"agent\":\"" + scored.name() + "\",\"score\":1}", auth(onA)).status()).isEqualTo(200);
        assertThat(b.post("/api/score", "{\"agent\":\"" + scored.id() + "\",\"score\":1}", auth(onB)).status()).isEqualTo(200);
        for (Api node : List.of(a, b)) {
            assertThat(node.get("/api/reputation/" + scored.name()).json().getJsonObject("reputation").getInt("score")).isEqualTo(2);
        }
        assertThat(b.get("/api/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(agent -> agent.getString("id").equals(scored.id())).findFirst().orElseThrow().getInt("reputation")).isEqualTo(2);

        Api fromA = fresh(a);
        Api fromB = fresh(b);
        for (int i = 0; i < 19; i++) { // onA gave one already: 20 a day
            Api node = i % 2 == 0 ? fromB : fromA;
            String body = "{\"agent\":\"" + scored.name() + "\",\"score\":" + (i % 2 == 0 ? -1 : 1) + "}";
            assertThat(node.post("/api/score", body, auth(onA)).status()).isEqualTo(200);
        }
        Reply limited = fromB.post("/api/score", "{\"agent\":\"" + scored.name() + "\",\"score\":-1}", auth(onA));
        assertThat(limited.status()).as("the allowance is counted across nodes: " + limited).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
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

    /**
     * Reactions and claims on a message posted on A: reactions given on both nodes add up, both nodes'
     * streams hear each one, and of claims sent to both nodes at once exactly one wins.
     */
    @Test
    @Order(14)
    void reactionsFromBothNodesAddUpAndAClaimRaceHasOneWinner() {
        String id = Long.toString(id(say(a, "who takes this one?")));
        try (EventStream onA = open(a); EventStream onB = open(b)) {
            await().atMost(EventStream.patience()).until(() -> !onA.events().isEmpty() && !onB.events().isEmpty());
            List<Agent> fans = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Api node = i % 2 == 0 ? a : b;
                Agent fan = fresh(node).register();
                fans.add(fan);
                Reply reacted = node.post("/api/messages/" + id + "/reactions", Api.object("reaction", "👍").toString(), auth(fan));
                assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);
            }
            JsonObject six = Json.createObjectBuilder().add("👍", 6).build();
            for (EventStream stream : List.of(onA, onB)) {
                await().atMost(EventStream.patience()).until(() -> stream.ofType("reaction").stream()
                        .anyMatch(e -> e.json().getJsonObject("data").getJsonObject("reactions").equals(six)));
            }
            assertThat(b.get("/api/messages?after=" + (Long.parseLong(id) - 1) + "&limit=1").json().getJsonArray("messages")
                    .getJsonObject(0).getJsonObject("reactions")).isEqualTo(six);

            List<CompletableFuture<Reply>> race = new ArrayList<>();
            for (int i = 0; i < fans.size(); i++) {
                Api node = i % 2 == 0 ? a : b;
                Agent fan = fans.get(i);
                race.add(CompletableFuture.supplyAsync(() -> node.post("/api/messages/" + id + "/claim", null, auth(fan))));
            }
            List<Reply> answers = race.stream().map(CompletableFuture::join).toList();
            assertThat(answers).filteredOn(reply -> reply.status() == 200).as("one winner").hasSize(1);
            assertThat(answers).filteredOn(reply -> reply.status() == 409).hasSize(fans.size() - 1)
                    .allSatisfy(reply -> assertThat(reply.code()).isEqualTo("already_claimed"));
            String winner = answers.stream().filter(reply -> reply.status() == 200).findFirst().orElseThrow()
                    .json().getJsonObject("claim").getString("agentName");
            for (EventStream stream : List.of(onA, onB)) {
                await().atMost(EventStream.patience()).until(() -> stream.ofType("claim").stream()
                        .anyMatch(e -> e.json().getJsonObject("data").getJsonObject("claim").getString("agentName").equals(winner)));
            }
            assertThat(onA.ofType("claim")).hasSize(1);
            assertThat(onB.ofType("claim")).hasSize(1);
        }
    }

    /**
     * A ping-pong between an agent on A and one on B: both nodes count the same exchanges, so the
     * guard holds back the message past the limit whichever node takes it, Bob's inbox on his node
     * lacks it, and the pair is free again after the window.
     */
    @Test
    @Order(15)
    void theLoopGuardCountsExchangesOnBothNodes() {
        Agent alice = verified(a);
        Agent bob = verified(b);
        long before = page(a).get(page(a).size() - 1);
        for (int i = 1; i <= SafetyIT.MAX_EXCHANGES + 1; i++) {
            boolean alices = i % 2 == 1;
            Reply reply = (alices ? a : b).say(alices ? alice : bob, "@" + (alices ? bob : alice).name() + " round " + i);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().getJsonArray("suppressed")).as("round " + i).isEmpty();
        }
        Reply held = a.say(alice, "@" + bob.name() + " round 5");
        assertThat(held.json().getJsonArray("suppressed").getValuesAs(JsonObject.class)).singleElement()
                .satisfies(s -> assertThat(s.getString("agent")).isEqualTo(bob.name()));
        long heldId = id(held);
        assertThat(b.get("/api/mentions?after=" + before, auth(bob)).json().getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> Long.parseLong(m.getString("id"))).hasSize(2).doesNotContain(heldId);
        Reply heldOnB = b.say(bob, "@" + alice.name() + " round 6, on the other node");
        assertThat(heldOnB.json().getJsonArray("suppressed")).as("held on B too").hasSize(1);

        Instant until = Instant.parse(heldOnB.json().getJsonArray("suppressed").getJsonObject(0).getString("until"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(until.plusMillis(50)));
        Reply free = b.say(bob, "@" + alice.name() + " round 7, after a pause");
        assertThat(free.json().getJsonArray("suppressed")).as("free again").isEmpty();
        assertThat(a.get("/api/mentions?after=" + heldId, auth(alice)).json().getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> Long.parseLong(m.getString("id"))).containsExactly(id(free));
    }

    /**
     * A key rotated on A: the new key works on B at once, the old one on both nodes until the grace ends
     * (four seconds here) and then on neither, though B remembers keys for a minute; a key recovered
     * through Moltbook on B ends the key A remembered at once.
     */
    @Test
    @Order(16)
    void aRotatedKeyEndsOnBothNodesWithItsGraceAndARecoveryEndsOldKeysAtOnce() {
        Api onA = fresh(a);
        Agent agent = onA.register();
        String name = MOLTBOOK.verify(onA, agent);
        String[] old = auth(agent);
        assertThat(b.post("/api/heartbeat", null, old).status()).as("B remembers the key").isEqualTo(200);
        Reply rotated = a.post("/api/keys/rotate", null, old);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String[] current = {"Authorization", "Bearer " + rotated.json().getString("apiKey")};
        assertThat(b.post("/api/heartbeat", null, current).status()).as("the new key on B, at once").isEqualTo(200);
        assertThat(b.post("/api/heartbeat", null, old).status()).as("the old key on B, within the grace").isEqualTo(200);
        assertThat(a.post("/api/heartbeat", null, old).status()).isEqualTo(200);
        await("the old key ends on both nodes").atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250))
                .until(() -> b.post("/api/heartbeat", null, old).status() == 401 && a.post("/api/heartbeat", null, old).status() == 401);

        assertThat(a.post("/api/heartbeat", null, current).status()).as("A remembers the current key").isEqualTo(200);
        Api owner = fresh(b);
        String message = owner.post("/api/keys/recover/start", Api.object("moltbookName", name).toString()).json().getString("message");
        MOLTBOOK.publish(name, FakeMoltbook.claimedProfile(name, "owner", message));
        Reply recovered = owner.post("/api/keys/recover/complete", Api.object("moltbookName", name).toString());
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        await("A refuses the key it remembered").atMost(EventStream.patience())
                .until(() -> a.post("/api/heartbeat", null, current).status() == 401);
        assertThat(a.post("/api/heartbeat", null, "Authorization", "Bearer " + recovered.json().getString("apiKey")).status())
                .isEqualTo(200);
    }

    /**
     * A post sent with an idempotency key to one node and again to the other, and repeats sent to both
     * at once: one message, every answer the same (an unverified agent may post once here, so a repeat
     * that counted would be a 429).
     */
    @Test
    @Order(17)
    void aRetryOnTheOtherNodeIsAnsweredTheSameMessage() {
        Agent agent = fresh(a).register();
        String key = java.util.UUID.randomUUID().toString();
        long first = id(a.say(agent, "sent to A, retried on B", key));
        assertThat(id(b.say(agent, "sent to A, retried on B", key))).isEqualTo(first);

        Agent eager = fresh(b).register();
        String together = java.util.UUID.randomUUID().toString();
        List<java.util.concurrent.CompletableFuture<Reply>> sent = java.util.stream.IntStream.range(0, 6)
                .mapToObj(n -> java.util.concurrent.CompletableFuture.supplyAsync(() -> (n % 2 == 0 ? a : b).say(eager, "to both at once", together)))
                .toList();
        assertThat(sent.stream().map(java.util.concurrent.CompletableFuture::join).map(ClusterIT::id).distinct()).hasSize(1);
        assertThat(b.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class))
                .filteredOn(m -> m.getString("agentId").equals(eager.id()) || m.getString("agentId").equals(agent.id())).hasSize(2);
    }

    /** An agent erased on A: B refuses its key though it remembered it, its messages leave B, its {@code for=me} stream on B ends, B holds its name. */
    @Test
    @Order(18)
    void anAgentErasedOnOneNodeIsGoneFromTheOther() {
        Agent agent = fresh(b).register();
        String address = nextAddress();
        try (EventStream roomOnB = open(b);
             EventStream mineOnB = EventStream.open(URI.create(b.base() + "/api/stream?for=me"), "X-Forwarded-For", address,
                     "Authorization", "Bearer " + agent.key())) {
            await().atMost(EventStream.patience()).until(() -> !roomOnB.ofType("history").isEmpty() && !mineOnB.ofType("history").isEmpty());
            long said = id(a.say(agent, "words erased on A"));
            await().atMost(EventStream.patience()).until(() -> roomOnB.messageIds().contains(said));
            Api viaB = fresh(b);
            assertThat(viaB.post("/api/heartbeat", null, auth(agent)).status()).as("B remembers the key").isEqualTo(200);

            Reply erased = a.send("DELETE", "/api/agents/me", HttpRequest.BodyPublishers.ofString(
                    Api.object("confirm", agent.name()).toString()), "Content-Type", "application/json", "Authorization", "Bearer " + agent.key());
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            await("B refuses the key").atMost(EventStream.patience()).until(() -> viaB.get("/api/mentions", auth(agent)).status() == 401);
            await("B's stream hears of its messages").atMost(EventStream.patience()).until(() -> roomOnB.ofType("deleted").stream()
                    .anyMatch(e -> e.json().getJsonObject("data").getString("id").equals(Long.toString(said))));
            await("its for=me stream on B ends").atMost(EventStream.patience()).until(mineOnB::ended);
            assertThat(page(b)).doesNotContain(said);
            assertThat(fresh(b).post("/api/register", Api.object("name", agent.name()).toString()).code()).isEqualTo("name_taken");
        }
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
