package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconnects without loss: while several agents post, listeners drop their streams at random and
 * come back with {@code Last-Event-ID}. What each listener received, across all its connections,
 * is exactly the sequence of accepted messages: no gap, no duplicate.
 */
@ExtendWith(SharedChatr.class)
class ReconnectIT {

    private static final int POSTERS = 8;
    private static final int POSTS_EACH = 30;
    private static final int LISTENERS = 16;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void whatAListenerReceivesAcrossReconnectsIsExactlyWhatWasAccepted() throws Exception {
        long seed = System.nanoTime();
        List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean posting = new AtomicBoolean(true);
        long before = lastId(api);

        ExecutorService pool = Executors.newFixedThreadPool(POSTERS + LISTENERS);
        try {
            List<Future<List<Long>>> listeners = new ArrayList<>();
            for (int i = 0; i < LISTENERS; i++) {
                Random random = new Random(seed + i);
                listeners.add(pool.submit(() -> listen(api, before, random, posting, accepted)));
            }
            List<Future<?>> posters = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                Agent agent = api.register();
                posters.add(pool.submit(() -> {
                    for (int n = 0; n < POSTS_EACH; n++) {
                        Reply reply = api.say(agent, agent.name() + " says " + n);
                        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                        accepted.add(Long.parseLong(reply.json().getJsonObject("message").getString("id")));
                    }
                }));
            }
            for (Future<?> poster : posters) {
                poster.get(5, TimeUnit.MINUTES);
            }
            posting.set(false);
            List<Long> expected = accepted.stream().sorted().toList();
            assertThat(expected).hasSize(POSTERS * POSTS_EACH);
            for (Future<List<Long>> listener : listeners) {
                assertThat(listener.get(5, TimeUnit.MINUTES)).as("seed %d", seed).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Connects, reads a few messages, drops the stream, resumes after the last id it saw; until it has all. */
    private static List<Long> listen(Api api, long startAfter, Random random, AtomicBoolean posting, List<Long> accepted) {
        List<Long> received = new ArrayList<>();
        long last = startAfter;
        while (posting.get() || received.size() < accepted.size()) {
            int wanted = 1 + random.nextInt(12);
            EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream"), "Last-Event-ID", Long.toString(last));
            try {
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                        .until(() -> stream.messageIds().size() >= wanted || !posting.get());
            } catch (ConditionTimeoutException fewerThanHoped) {
                // drop the stream anyway
            } finally {
                stream.close();
            }
            List<Long> delivered = stream.messageIds();
            received.addAll(delivered);
            if (!delivered.isEmpty()) {
                last = delivered.get(delivered.size() - 1);
            }
        }
        return received;
    }

    private static long lastId(Api api) {
        List<Long> ids = api.get("/api/messages?limit=1").json().getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> Long.parseLong(m.getString("id"))).toList();
        return ids.isEmpty() ? 0 : ids.get(0);
    }
}
