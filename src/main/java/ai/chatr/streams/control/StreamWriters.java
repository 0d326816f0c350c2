package ai.chatr.streams.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The threads that write to this node's streams ({@link Writers}), sized by the settings, and what
 * the streams count: {@code chatr_events_delivered_total}, {@code chatr_streams_dropped_total},
 * {@code chatr_fanout_lag}, {@code chatr_streams_open} per kind and {@code chatr_waits_held}.
 */
@ApplicationScoped
public class StreamWriters {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry metrics;

    /** Threads that write to streams while none is stuck; 0: one per core. */
    @Inject
    @ConfigProperty(name = "chatr.stream.writers", defaultValue = "0")
    int writerThreads;

    /** Threads that may be stuck on listeners that stopped reading, beyond {@code writerThreads}. */
    @Inject
    @ConfigProperty(name = "chatr.stream.max-stalled-writers", defaultValue = "256")
    int maxStalledWriters;

    @Inject
    @ConfigProperty(name = "chatr.stream.stall-after", defaultValue = "PT0.1S")
    Duration stallAfter;

    @Inject
    @ConfigProperty(name = "chatr.stream.outbox-size", defaultValue = "2000")
    int outboxSize;

    private Writers writers;

    /** The fan-out of this node's streams, written by the writers started here, counted in the metrics. */
    Fanout fanout() {
        int size = writerThreads > 0 ? writerThreads : Runtime.getRuntime().availableProcessors();
        writers = new Writers(threads, size, size + maxStalledWriters, stallAfter.toMillis());
        Fanout fanout = new Fanout(writers, outboxSize, deliveries());
        for (String kind : List.of("api", "spectator")) {
            metrics.gauge("chatr_streams_open", () -> fanout.listeners(kind), new Tag("kind", kind));
        }
        metrics.gauge("chatr_waits_held", fanout::waiting);
        return fanout;
    }

    private Deliveries deliveries() {
        Counter delivered = metrics.counter("chatr_events_delivered");
        Counter dropped = metrics.counter("chatr_streams_dropped");
        Timer lag = metrics.timer("chatr_fanout_lag");
        return new Deliveries() {
            @Override
            public void written(int frames, long oldestMessageBorn) {
                delivered.inc(frames);
                if (oldestMessageBorn != 0) {
                    lag.update(Duration.ofNanos(System.nanoTime() - oldestMessageBorn));
                }
            }

            @Override
            public void dropped() {
                dropped.inc();
            }
        };
    }

    @PreDestroy
    void shutdown() {
        if (writers != null) {
            writers.shutdown();
        }
    }
}
