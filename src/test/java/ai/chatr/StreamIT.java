package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.EventStream.Event;
import ai.chatr.support.NodeSnippet;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream as listeners see it: history first, then every message once and in id order,
 * stats and heartbeats, and a resume after a disconnect that loses nothing and repeats nothing.
 * Message limits are raised here so that the tests can post quickly.
 */
@ExtendWith(SharedChatr.class)
class StreamIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD; // stats and heartbeats every second
    }

    @SharedChatr.Served
    Api api;
    Agent agent;

    @BeforeEach
    void connect() {
        agent = api.register();
    }

    @Test
    void historyComesFirstThenLiveMessages() {
        List<JsonObject> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posted.add(message(api.say(agent, "before " + i)));
        }
        try (EventStream stream = open()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            await().atMost(EventStream.patience()).until(() -> !stream.events().isEmpty());
            Event history = stream.events().get(0);
            assertThat(history.type()).isEqualTo("history");
            List<JsonObject> messages = history.json().getJsonArray("data").getValuesAs(JsonObject.class);
            assertThat(messages.subList(messages.size() - 3, messages.size())).containsExactlyElementsOf(posted);
            assertThat(history.id()).isEqualTo(posted.get(2).getString("id"));

            JsonObject live = message(api.say(agent, "live one"));
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("message").isEmpty());
            Event frame = stream.ofType("message").get(0);
            assertThat(frame.id()).isEqualTo(live.getString("id"));
            assertThat(frame.json().getJsonObject("data")).isEqualTo(live);
            assertThat(stream.unexpectedLines()).as("frames are unnamed").isEmpty();
            assertThat(stream.retries()).isNotEmpty();
        }
    }

    @Test
    void historyHoldsTheNewestHundredOldestFirst() {
        String lastId = null;
        for (int i = 0; i < 105; i++) {
            lastId = message(api.say(agent, "filler " + i)).getString("id");
        }
        try (EventStream stream = open()) {
            await().atMost(EventStream.patience()).until(() -> !stream.events().isEmpty());
            List<Long> ids = stream.events().get(0).json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                    .map(m -> Long.parseLong(m.getString("id"))).toList();
            assertThat(ids).hasSize(100).isSorted().doesNotHaveDuplicates().endsWith(Long.parseLong(lastId));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyWhatItMissed() {
        List<Long> seen;
        try (EventStream first = open()) {
            await().atMost(EventStream.patience()).until(() -> !first.events().isEmpty());
            long a = id(api.say(agent, "seen a"));
            long b = id(api.say(agent, "seen b"));
            await().atMost(EventStream.patience()).until(() -> first.messageIds().contains(b));
            seen = first.messageIds();
            assertThat(seen).containsExactly(a, b);
        }
        long missedC = id(api.say(agent, "missed c"));
        long missedD = id(api.say(agent, "missed d"));

        try (EventStream resumed = open("Last-Event-ID", Long.toString(seen.get(1)))) {
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().size() >= 2);
            long e = id(api.say(agent, "live e"));
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(e));
            assertThat(resumed.messageIds()).containsExactly(missedC, missedD, e);
            assertThat(resumed.ofType("history")).isEmpty();
        }
    }

    @Test
    void browsersResumeWithAQueryParameter() {
        long before = id(api.say(agent, "already seen"));
        long missed = id(api.say(agent, "missed"));
        try (EventStream resumed = EventStream.open(URI.create(api.base() + "/api/stream?lastEventId=" + before))) {
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(missed));
            assertThat(resumed.messageIds()).containsExactly(missed);
        }
    }

    @Test
    void concurrentPostsReachEveryListenerOnceInIdOrder() throws Exception {
        List<Agent> posters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            posters.add(api.register());
        }
        try (EventStream one = open(); EventStream two = open()) {
            await().atMost(EventStream.patience()).until(() -> !one.events().isEmpty() && !two.events().isEmpty());
            List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(posters.size());
            try {
                List<Future<?>> work = new ArrayList<>();
                for (Agent poster : posters) {
                    work.add(pool.submit(() -> {
                        for (int n = 0; n < 25; n++) {
                            accepted.add(id(api.say(poster, poster.name() + " says " + n)));
                        }
                    }));
                }
                for (Future<?> done : work) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> expected = accepted.stream().sorted().toList();
            for (EventStream stream : List.of(one, two)) {
                await().atMost(EventStream.patience()).until(() -> stream.messageIds().containsAll(expected));
                assertThat(stream.messageIds()).isEqualTo(expected);
            }
            long first = expected.get(0);
            List<Long> stored = api.get("/api/messages?limit=100&after=" + (first - 1)).json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class).stream().map(m -> Long.parseLong(m.getString("id"))).toList();
            assertThat(stored).isEqualTo(expected.subList(0, 100));
        }
    }

    @Test
    void statsAndHeartbeatsArriveOnTheirOwn() {
        try (EventStream stream = open()) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("stats").isEmpty() && !stream.comments().isEmpty());
            JsonObject stats = stream.ofType("stats").get(0).json().getJsonObject("data");
            assertThat(stats.keySet()).containsExactlyInAnyOrder("totalAgents", "onlineAgents", "totalMessages", "totalChannels");
            assertThat(stats.getJsonNumber("totalAgents").longValue()).isPositive();
            assertThat(stream.ofType("stats").get(0).id()).isNull();
        }
    }

    @Test
    void hostileContentArrivesAsExactlyOneIdenticalEvent() {
        List<String> nasty = List.of("one\rtwo", "three\r\nfour", "x\n\ndata: injected", "a\nid: 999\nevent: evil", "line\u2028sep\u2029para",
                "</script><script>alert(1)</script>", "\"quoted\" \\ backslash");
        try (EventStream stream = open()) {
            await().atMost(EventStream.patience()).until(() -> !stream.events().isEmpty());
            List<Long> ids = new ArrayList<>();
            for (String content : nasty) {
                ids.add(id(api.say(agent, content)));
            }
            await().atMost(EventStream.patience()).until(() -> stream.messageIds().containsAll(ids));
            assertThat(stream.messageIds()).isEqualTo(ids);
            assertThat(stream.ofType("message").stream().map(e -> e.json().getJsonObject("data").getString("content")).toList())
                    .containsExactlyElementsOf(nasty);
            assertThat(stream.unexpectedLines()).isEmpty();
        }
    }

    @Test
    void aGarbledLastEventIdIsRefused() {
        Reply reply = api.get("/api/stream", "Last-Event-ID", "not-a-number");
        ApiIT.assertRefused(reply, 400, "invalid_last_event_id", "Last-Event-ID must be a message id.");
    }

    @Test
    void theSeedsNodeExampleWorksUnchanged() throws Exception {
        try (NodeSnippet node = NodeSnippet.run(api.base().toString(), agent.key())) {
            await().atMost(EventStream.patience()).until(() -> node.output().contains("Hello from Node! 🟢"));
            assertThat(node.output()).contains("type: 'history'").contains("type: 'message'");
        }
        List<JsonObject> stored = api.get("/api/messages?limit=100").json().getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(stored).anySatisfy(m -> {
            assertThat(m.getString("agentName")).isEqualTo(agent.name());
            assertThat(m.getString("content")).isEqualTo("Hello from Node! 🟢");
        });
    }

    private EventStream open(String... headers) {
        return EventStream.open(URI.create(api.base() + "/api/stream"), headers);
    }

    private static JsonObject message(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("message");
    }

    private static long id(Reply reply) {
        return Long.parseLong(message(reply).getString("id"));
    }
}
