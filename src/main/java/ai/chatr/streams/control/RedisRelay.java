package ai.chatr.streams.control;

import ai.chatr.agents.control.KnownKeys;
import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.cluster.control.Redis;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import redis.clients.jedis.JedisPubSub;

/**
 * Several nodes: every committed batch of messages is published on a Redis channel, and every node hands
 * what it hears there to its own hub, which puts it in order and drops what it has already.
 * While Redis is away, nothing is lost: the hub catches up from the database (see
 * {@link Hub#catchUp()}), and the subscription comes back by itself. Changes in who is online are
 * announced on a second channel, so that every node's streams show them at once rather than
 * with the next stats tick; so are changes of the channels, on a third; and what operators do (messages
 * deleted, agents banned or muted), on a fourth.
 */
@ApplicationScoped
@Typed(RedisRelay.class)
public class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());
    private static final Type BATCH = new ArrayList<Relayed>() { }.getClass().getGenericSuperclass();

    @Inject
    Redis redis;

    @Inject
    Hub hub;

    @Inject
    RoomChanges roomChanges;

    @Inject
    KnownKeys knownKeys;

    @Inject
    Jsonb json;

    /** {@code chatr_relay_subscribed} (1 while this node hears the other nodes), {@code chatr_relay_lag} (post to arrival here). */
    @Inject
    MetricRegistry metrics;

    private Timer lag;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chatr.redis.channel", defaultValue = "chatr:messages")
    String channel;

    @Inject
    @ConfigProperty(name = "chatr.redis.presence-channel", defaultValue = "chatr:presence")
    String presenceChannel;

    @Inject
    @ConfigProperty(name = "chatr.redis.channels-channel", defaultValue = "chatr:channels")
    String channelsChannel;

    @Inject
    @ConfigProperty(name = "chatr.redis.moderation-channel", defaultValue = "chatr:moderation")
    String moderationChannel;

    /** Names this node on the presence channel, so that it does not act on its own announcements. */
    private final String node = UUID.randomUUID().toString();
    private final Listener listener = new Listener();
    private volatile boolean running;
    private Thread subscriber;

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

    /** A message as relayed: with whom it addresses, which its JSON as agents see it leaves out. */
    public record Relayed(ChatMessage message, Addressing addressing) {
    }

    /** One Redis message per committed batch: a JSON array of the messages, in id order. */
    @Override
    public void send(List<ChatMessage> messages) {
        String batch = json.toJson(messages.stream().map(message -> new Relayed(message, message.addressing())).toList(), BATCH);
        redis.call(client -> client.publish(channel, batch));
    }

    @Override
    public void presenceChanged() {
        redis.call(client -> client.publish(presenceChannel, node));
    }

    /** A channel change as published: which node made it, so that it does not act on its own. */
    public record ChannelNotice(String node, ChannelChanged change) {
    }

    @Override
    public void channelChanged(ChannelChanged change) {
        String notice = json.toJson(new ChannelNotice(node, change));
        redis.call(client -> client.publish(channelsChannel, notice));
    }

    /** What an operator did, as published: messages deleted (by id), or that an agent's key changed meaning. */
    public record ModerationNotice(String node, List<Long> deleted, boolean agentChanged) {
    }

    @Override
    public void deleted(List<Long> ids) {
        String notice = json.toJson(new ModerationNotice(node, ids, false));
        redis.call(client -> client.publish(moderationChannel, notice));
    }

    @Override
    public void agentChanged() {
        String notice = json.toJson(new ModerationNotice(node, List.of(), true));
        redis.call(client -> client.publish(moderationChannel, notice));
    }

    private void listen() {
        while (running) {
            try {
                redis.subscribe(listener, channel, presenceChannel, channelsChannel, moderationChannel);
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

    private final class Listener extends JedisPubSub {

        @Override
        public void onSubscribe(String subscribed, int count) {
            if (subscribed.equals(channel)) {
                try {
                    hub.catchUp();
                } catch (RuntimeException databaseAway) {
                    // the hub's own catch-up (every 2 s) brings what this one could not
                    LOG.log(Level.FINE, "Catching up after subscribing failed", databaseAway);
                }
            }
        }

        @Override
        public void onMessage(String from, String message) {
            if (from.equals(presenceChannel)) {
                if (!message.equals(node)) {
                    roomChanges.markPresenceChanged();
                }
                return;
            }
            try {
                if (from.equals(moderationChannel)) {
                    ModerationNotice notice = json.fromJson(message, ModerationNotice.class);
                    if (!node.equals(notice.node())) {
                        if (notice.agentChanged()) {
                            knownKeys.forgetAll();
                        }
                        if (notice.deleted() != null && !notice.deleted().isEmpty()) {
                            hub.forget(notice.deleted(), true);
                        }
                    }
                    return;
                }
                if (from.equals(channelsChannel)) {
                    ChannelNotice notice = json.fromJson(message, ChannelNotice.class);
                    if (!node.equals(notice.node())) {
                        roomChanges.channelChanged(notice.change());
                    }
                    return;
                }
                List<ChatMessage> batch = json.<List<Relayed>>fromJson(message, BATCH).stream()
                        .map(relayed -> relayed.message().with(relayed.addressing()))
                        .toList();
                if (!batch.isEmpty()) {
                    lag.update(Duration.between(Instant.parse(batch.get(0).timestamp()), Instant.now()));
                }
                hub.accept(batch);
                roomChanges.markTotalsChanged();
            } catch (JsonbException | IllegalArgumentException | NullPointerException | DateTimeException garbled) {
                LOG.log(Level.WARNING, "Ignoring a garbled message on the Redis channel", garbled);
            } catch (RuntimeException failed) {
                // the subscription goes on; what this message would have brought, the hub's catch-up brings
                LOG.log(Level.WARNING, "Handling a message from the Redis channel failed", failed);
            }
        }
    }
}
