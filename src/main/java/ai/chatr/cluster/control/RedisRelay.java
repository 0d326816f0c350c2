package ai.chatr.cluster.control;

import ai.chatr.cluster.entity.Notice;
import ai.chatr.cluster.entity.Rejoined;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import redis.clients.jedis.JedisPubSub;

/**
 * Several nodes: every notice is published on one Redis channel ({@code chatr.redis.channel}),
 * and every node fires what it hears there from the others as a CDI event ({@link Notice}); it
 * knows none of the features that observe them. While Redis is away, nothing is lost for good:
 * the subscription comes back by itself, and on every subscription the relay fires
 * {@link Rejoined}, on which the hub catches up from the database (as it does every 2 s anyway).
 */
@ApplicationScoped
@Typed(RedisRelay.class)
public class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());

    @Inject
    Redis redis;

    @Inject
    Jsonb json;

    @Inject
    Event<Notice> notices;

    @Inject
    Event<Rejoined> rejoined;

    /** {@code chatr_relay_subscribed} (1 while this node hears the other nodes), {@code chatr_relay_lag} (sent there to arrival here). */
    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    /** The one channel every notice travels on. */
    @Inject
    @ConfigProperty(name = "chatr.redis.channel", defaultValue = "chatr:notices")
    String channel;

    /** Names this node in its notices, so that it does not act on its own. */
    private final String node = UUID.randomUUID().toString();
    private final Listener listener = new Listener();
    private Wire wire;
    private Timer lag;
    private volatile boolean running;
    private Thread subscriber;

    @PostConstruct
    void wire() {
        wire = new Wire(json, node);
    }

    void start(@Observes Startup startup) {
        if (redis.enabled()) {
            metrics.gauge("chatr_relay_subscribed", () -> listener.isSubscribed() ? 1 : 0);
            lag = metrics.timer("chatr_relay_lag");
            running = true;
            subscriber = threads.newThread(this::listen);
            subscriber.setName("chatr-redis-relay");
            subscriber.start();
        }
    }

    @Override
    public void publish(Notice notice) {
        String payload = wire.write(notice, System.currentTimeMillis());
        redis.call(client -> client.publish(channel, payload));
    }

    @Override
    public boolean shared() {
        return true;
    }

    private void listen() {
        while (running) {
            try {
                redis.subscribe(listener, channel);
            } catch (RuntimeException lost) {
                LOG.log(Level.FINE, "Redis subscription lost; retrying", lost);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener.isSubscribed()) {
            listener.unsubscribe();
        }
        if (subscriber != null) {
            subscriber.interrupt();
        }
    }

    /** Never throws: a listener that threw would end the subscription (see {@link Redis#subscribe}). */
    private final class Listener extends JedisPubSub {

        @Override
        public void onSubscribe(String subscribed, int count) {
            try {
                rejoined.fire(new Rejoined());
            } catch (RuntimeException databaseAway) {
                // the hub's own catch-up (every 2 s) brings what this one could not
                LOG.log(Level.FINE, "Catching up after subscribing failed", databaseAway);
            }
        }

        @Override
        public void onMessage(String from, String message) {
            Wire.Heard heard;
            try {
                heard = wire.read(message);
            } catch (JsonbException | IllegalArgumentException garbled) {
                LOG.log(Level.WARNING, "Ignoring a garbled notice on the Redis channel", garbled);
                return;
            }
            if (heard == null) {
                return;
            }
            lag.update(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - heard.sentMillis())));
            try {
                notices.fire(heard.notice());
            } catch (RuntimeException failed) {
                // the subscription goes on; what this notice would have brought, the hub's catch-up brings
                LOG.log(Level.WARNING, "Handling a notice from the Redis channel failed", failed);
            }
        }
    }
}
