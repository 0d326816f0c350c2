package ai.chatr.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPubSub;

/** chatr's Redis against a real redis-server: what a subscription leaves behind for the commands. */
class RedisTest {

    RedisServer server;
    Redis redis;

    @BeforeEach
    void connect() {
        server = RedisServer.start();
        redis = new Redis();
        redis.url = Optional.of(URI.create(server.url()));
        redis.timeout = Duration.ofMillis(300);
        redis.retry = Duration.ofSeconds(2);
        redis.connect();
    }

    @AfterEach
    void disconnect() {
        redis.disconnect();
        server.close();
    }

    /**
     * As the relay once did: four channels (it has one now), and the listener fails at the first confirmation (its
     * catch-up found the database away), with the other three still unread on the connection.
     */
    @Test
    void aListenerThatThrowsLeavesNoSubscribedConnectionForCommands() {
        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> redis.subscribe(new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    throw new IllegalStateException("the database is away");
                }
            }, "chatr:test:a", "chatr:test:b", "chatr:test:c", "chatr:test:d")).hasMessage("the database is away");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(redis.call(client -> client.ping())).as("command %d answers its own reply", i).hasValue("PONG");
            assertThat(redis.call(client -> client.incr("chatr:test:count"))).hasValue(i + 1L);
        }
    }

    @Test
    void aQuietSubscriptionOutlivesTheCommandTimeout() throws InterruptedException {
        List<String> heard = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                heard.add(message);
            }
        };
        Thread subscriber = new Thread(() -> redis.subscribe(listener, "chatr:test:quiet"));
        subscriber.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(listener::isSubscribed);
            await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(2)).until(listener::isSubscribed);
            assertThat(redis.call(client -> client.publish("chatr:test:quiet", "still there"))).hasValue(1L);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("still there"));
        } finally {
            listener.unsubscribe();
            subscriber.join(5000); // its connection closed before the server is killed, which would reset it
        }
    }
}
