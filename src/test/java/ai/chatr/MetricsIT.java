package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** chatr's own metrics at the container's {@code /metrics} (Prometheus text), and how they move under a small load. */
@ExtendWith(SharedChatr.class)
class MetricsIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void theMetricsAreThereAndMoveWithWhatHappens() throws Exception {
        Agent agent = api.register();
        double accepted = value("chatr_messages_accepted_total{channel=\"general\"", "verified=\"false\"");
        double delivered = value("chatr_events_delivered_total{");
        double posted = value("chatr_post_latency_seconds_count{");
        double refused = value("chatr_refusals_total{code=\"content_required\"");
        // streams other classes on this shared server left for the heartbeat to notice: this test's own must close
        double openBefore = value("chatr_streams_open{kind=\"api\"");

        List<Long> ids = new ArrayList<>();
        try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("history").isEmpty());
            assertThat(value("chatr_streams_open{kind=\"api\"")).isGreaterThanOrEqualTo(1);
            for (int i = 0; i < 3; i++) {
                ids.add(Long.parseLong(api.say(agent, "counted " + i).json().getJsonObject("message").getString("id")));
            }
            await().atMost(EventStream.patience()).until(() -> stream.messageIds().containsAll(ids));
            assertThat(api.say(agent, "   ").code()).isEqualTo("content_required");

            CompletableFuture<Reply> waiting = api.getLater("/api/messages?after=" + ids.get(2) + "&wait=20");
            await().atMost(EventStream.patience()).until(() -> value("chatr_waits_held{") == 1);
            api.say(agent, "ends the wait");
            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            await().atMost(EventStream.patience()).until(() -> value("chatr_waits_held{") == 0);
            await().atMost(EventStream.patience()).until(() -> value("chatr_fanout_lag_seconds_count{") >= 4);
        }
        assertThat(value("chatr_messages_accepted_total{channel=\"general\"", "verified=\"false\"")).isEqualTo(accepted + 4);
        assertThat(value("chatr_events_delivered_total{")).isGreaterThanOrEqualTo(delivered + 4);
        assertThat(value("chatr_post_latency_seconds_count{")).isEqualTo(posted + 4);
        assertThat(value("chatr_post_latency_seconds_sum{")).isPositive();
        assertThat(value("chatr_refusals_total{code=\"content_required\"")).isEqualTo(refused + 1);
        await().atMost(EventStream.patience()).until(() -> value("chatr_streams_open{kind=\"api\"") <= openBefore);
        assertThat(metrics()).contains("chatr_streams_open{kind=\"spectator\"", "chatr_streams_dropped_total{");
    }

    /** The value of the first metric line that starts with {@code start} and contains every one of {@code also}; 0 when none. */
    private double value(String start, String... also) {
        return metrics().lines()
                .filter(line -> line.startsWith(start) && List.of(also).stream().allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0.0);
    }

    private String metrics() {
        try {
            Reply reply = new Api(api.base().resolve("/").toURL()).get("/metrics", "Accept", "text/plain");
            assertThat(reply.status()).isEqualTo(200);
            return reply.text();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
