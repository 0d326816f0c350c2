package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.HookReceiver;
import ai.chatr.support.Launcher;
import ai.chatr.support.PostgresServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Crash durability: several agents post without pause, the server is killed with {@code kill -9}
 * at a random moment, and after a restart every message that got a 200 is there, with unique,
 * increasing ids. One round on H2, one on PostgreSQL (the two tests run side by side).
 *
 * <p>Each round kills the server at a random moment (0.5 to 3 s into a burst of posts from four
 * agents); the server then starts on the database the crash left behind and must find everything it
 * acknowledged. A second round would also crash a server that recovered (the suite ran two until its
 * time neared CI's limit); each costs a boot (~10 s, ~35 s on a busy machine). {@code -Dchatr.crash.rounds=10} draws ten,
 * and {@code -Dchatr.crash.seed} replays the moments of a failed run (the seed is in every failure message).
 * Every post carries an idempotency key: after the restart, each post whose answer the kill cut off is
 * sent again and stands exactly once, and answered posts sent again are answered the same message.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes: runs beside the shared servers (failsafe configuration in pom.xml)
@ResourceLock(SlowClientsIT.WHOLE_MACHINE) // but not beside SlowClientsIT: its kill -9 loops take the CPU that test measures against
class CrashIT {

    private static final int POSTERS = 4;
    private static final Map<String, String> UNLIMITED = Launcher.environment(Deployments.LIFTED_LIMITS);

    private final long seed = Long.getLong("chatr.crash.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void everyAcknowledgedMessageSurvivesKill9OnH2() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-h2-");
        crashRounds(data, UNLIMITED, Integer.getInteger("chatr.crash.rounds", 1));
    }

    @Test
    void everyAcknowledgedMessageSurvivesKill9OnPostgresql() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            Map<String, String> environment = new java.util.HashMap<>(UNLIMITED);
            environment.put("CHATR_DB_URL", postgres.newDatabase());
            environment.put("CHATR_DB_USER", postgres.user());
            environment.put("CHATR_DB_PASSWORD", postgres.password());
            crashRounds(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-pg-"), environment, 1);
        }
    }

    /**
     * A mention answered {@code 200} whose delivery is on its way when the node is killed: after a
     * restart the delivery arrives, with the same {@code webhook-id}, and the log says delivered. (The
     * receiver holds the first attempt unanswered; the restarted node takes the delivery once the dead
     * node's lease, 2 s here, has ended; the lease must outlast the 1.5 s timeout.)
     */
    @Test
    void aDeliveryOwedAtKill9IsMadeAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-hooks-");
        Map<String, String> environment = new java.util.HashMap<>(UNLIMITED);
        environment.putAll(Launcher.environment(Map.of("chatr.hooks.allowed-hosts", HookReceiver.ALLOWED,
                "chatr.hooks.timeout", "PT1.5S", "chatr.hooks.lease", "PT2S", "chatr.hooks.poll", "PT0.2S")));
        int port = Launcher.freePort();
        try (HookReceiver receiver = HookReceiver.start().answer(request -> HookReceiver.Reply.hanging())) {
            Api.Agent alice;
            String hookId;
            String messageId;
            try (Launcher chatr = Launcher.start(data, port, environment)) {
                Api api = new Api(chatr.base().toURL());
                alice = api.register();
                Api.Agent bob = api.register();
                Reply created = api.post("/api/hooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"mention\"]}",
                        "Authorization", "Bearer " + alice.key());
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                hookId = created.json().getJsonObject("hook").getString("id");
                Reply posted = api.say(bob, "@" + alice.name() + " before the crash");
                assertThat(posted.status()).isEqualTo(200);
                messageId = posted.json().getJsonObject("message").getString("id");
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.about(messageId).size() == 1);
                chatr.crash();
            }
            receiver.answer(request -> HookReceiver.Reply.status(204));
            try (Launcher chatr = Launcher.start(data, port, environment)) {
                Api api = new Api(chatr.base().toURL());
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about(messageId).size() >= 2);
                assertThat(receiver.about(messageId)).extracting(HookReceiver.Request::id).containsOnly(receiver.about(messageId).get(0).id());
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.get("/api/hooks/" + hookId + "/deliveries",
                        "Authorization", "Bearer " + alice.key()).json().getJsonArray("deliveries").getValuesAs(JsonObject.class))
                        .singleElement().satisfies(line -> assertThat(line.getString("status")).isEqualTo("delivered")));
            }
        }
    }

    private void crashRounds(Path data, Map<String, String> environment, int rounds) throws Exception {
        int port = Launcher.freePort();
        List<JsonObject> acknowledged = new ArrayList<>();
        Killed killed = null;
        for (int round = 1; round <= rounds; round++) {
            try (Launcher chatr = Launcher.start(data, port, environment)) {
                Api api = new Api(chatr.base().toURL());
                assertDurable(stored(api), acknowledged, "round " + round);
                if (killed != null) {
                    assertRetriesAreSafe(api, killed, "round " + round);
                }
                killed = postUntilKilled(chatr, api);
                acknowledged.addAll(killed.acknowledged());
            }
        }
        try (Launcher chatr = Launcher.start(data, port, environment)) {
            Api api = new Api(chatr.base().toURL());
            assertDurable(stored(api), acknowledged, "after the last crash");
            assertRetriesAreSafe(api, killed, "after the last crash");
        }
    }

    /**
     * Each post whose answer the kill cut off, sent again with its idempotency key, is answered with
     * one message that then stands once (the one stored before the kill, or a new one); a post that
     * was answered, sent again, is answered the same message.
     */
    private void assertRetriesAreSafe(Api api, Killed killed, String when) {
        Map<String, String> retriedIds = new java.util.HashMap<>();
        for (Killed.Unanswered post : killed.unanswered()) {
            Reply retried = api.say(post.agent(), post.content(), post.key());
            assertThat(retried.status()).as("%s (seed %d): %s", when, seed, retried).isEqualTo(200);
            retriedIds.put(post.content(), retried.json().getJsonObject("message").getString("id"));
        }
        List<JsonObject> stored = stored(api);
        retriedIds.forEach((content, id) -> assertThat(stored.stream().filter(m -> m.getString("content").equals(content)))
                .as("%s (seed %d): the post cut off by the kill, sent again", when, seed)
                .singleElement().satisfies(m -> assertThat(m.getString("id")).isEqualTo(id)));
        for (JsonObject answered : killed.acknowledged().subList(Math.max(0, killed.acknowledged().size() - 5), killed.acknowledged().size())) {
            Agent author = killed.agents().stream().filter(agent -> agent.name().equals(answered.getString("agentName"))).findFirst().orElseThrow();
            Reply retried = api.say(author, answered.getString("content"), answered.getString("content"));
            assertThat(retried.status()).as("%s (seed %d): %s", when, seed, retried).isEqualTo(200);
            assertThat(retried.json().getJsonObject("message").getString("id")).isEqualTo(answered.getString("id"));
        }
    }

    /**
     * Everything acknowledged is stored, unchanged; ids are unique and increasing. A message
     * committed in the instant before the kill, whose 200 never left, may be stored as well.
     */
    private void assertDurable(List<JsonObject> stored, List<JsonObject> acknowledged, String when) {
        assertThat(stored).as("%s (seed %d): every acknowledged message", when, seed).containsAll(acknowledged);
        assertThat(stored.stream().map(m -> Long.parseLong(m.getString("id"))).toList())
                .as("%s (seed %d): ids", when, seed).isSorted().doesNotHaveDuplicates();
    }

    /**
     * What a kill left: the posts that got a 200, in id order, and per agent the post it was waiting
     * for when the kill cut the answer off (each post's idempotency key is its content).
     */
    private record Killed(List<Agent> agents, List<JsonObject> acknowledged, List<Unanswered> unanswered) {

        record Unanswered(Agent agent, String content, String key) {
        }
    }

    /** Posts from several agents at once, each with an idempotency key, and kills the server mid-stream. */
    private Killed postUntilKilled(Launcher chatr, Api api) throws InterruptedException {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < POSTERS; i++) {
            agents.add(api.register());
        }
        ConcurrentLinkedQueue<JsonObject> ok = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Killed.Unanswered> cutOff = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        for (Agent agent : agents) {
            posters.submit(() -> {
                for (int n = 0; !stop.get() && n < 100_000; n++) {
                    String content = agent.name() + " #" + n;
                    try {
                        Reply reply = api.say(agent, content, content);
                        if (reply.status() == 200) {
                            ok.add(reply.json().getJsonObject("message"));
                        }
                    } catch (RuntimeException | AssertionError connectionLost) {
                        cutOff.add(new Killed.Unanswered(agent, content, content));
                        return;
                    }
                }
            });
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(2500));
        while (System.nanoTime() < until && ok.size() < 50_000) {
            posters.awaitTermination(50, TimeUnit.MILLISECONDS);
        }
        chatr.crash();
        stop.set(true);
        posters.shutdown();
        posters.awaitTermination(1, TimeUnit.MINUTES);
        assertThat(ok).as("some posts were acknowledged before the crash").isNotEmpty();
        return new Killed(agents, ok.stream().sorted((x, y) -> Long.compare(Long.parseLong(x.getString("id")), Long.parseLong(y.getString("id"))))
                .toList(), List.copyOf(cutOff));
    }

    /** Every stored message, oldest first, paging forward through /api/messages. */
    private static List<JsonObject> stored(Api api) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<JsonObject> page = api.get("/api/messages?limit=100&after=" + after).json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = Long.parseLong(page.get(page.size() - 1).getString("id"));
        }
    }
}
