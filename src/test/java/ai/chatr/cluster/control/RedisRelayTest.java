package ai.chatr.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.cluster.entity.Notice;
import ai.chatr.cluster.entity.Rejoined;
import ai.chatr.support.RedisServer;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.bind.JsonbBuilder;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes' relays on a real redis-server: each hears the other's notices, never its own, and comes back with Redis. */
class RedisRelayTest {

    private RedisServer server;
    private final List<Redis> clients = new CopyOnWriteArrayList<>();
    private final List<RedisRelay> relays = new CopyOnWriteArrayList<>();
    private Node a;
    private Node b;

    @BeforeEach
    void nodes() {
        server = RedisServer.start();
        a = new Node();
        b = new Node();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.rejoined.size() == 1 && b.rejoined.size() == 1);
    }

    @AfterEach
    void stop() {
        relays.forEach(RedisRelay::stop);
        clients.forEach(Redis::disconnect);
        server.close();
    }

    @Test
    void eachNoticeReachesTheOtherNodesOnly() {
        for (Notice notice : WireTest.ONE_OF_EACH) {
            a.relay.publish(notice);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heard.size() == WireTest.ONE_OF_EACH.size());
        assertThat(b.heard).containsExactlyElementsOf(WireTest.ONE_OF_EACH);
        b.relay.publish(new Notice.AgentChanged("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.heard.size() == 1);
        assertThat(a.heard).containsExactly(new Notice.AgentChanged("b"));
        assertThat(b.heard).as("not its own").hasSize(WireTest.ONE_OF_EACH.size());
    }

    @Test
    void garbageAndAFailingObserverEndNothing() {
        b.failing = true;
        a.relay.publish(new Notice.PresenceChanged());
        a.redis.call(client -> client.publish(a.relay.channel, "[{\"id\":\"1\"}]"));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heard.size() == 1);
        b.failing = false;
        a.relay.publish(new Notice.MessagesDeleted(List.of(7L)));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heard.size() == 2);
        assertThat(b.heard).containsExactly(new Notice.PresenceChanged(), new Notice.MessagesDeleted(List.of(7L)));
        assertThat(b.rejoined).as("still the first subscription").hasSize(1);
    }

    @Test
    void afterRedisWasAwayTheRelayRejoinsAndCarriesOn() {
        server.kill();
        a.relay.publish(new Notice.PresenceChanged());
        server.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.rejoined.size() == 2 && b.rejoined.size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            a.relay.publish(new Notice.AgentChanged("again"));
            assertThat(b.heard).contains(new Notice.AgentChanged("again"));
        });
    }

    /** One node: its Redis client, its relay, and what its observers heard. */
    private final class Node {

        final Redis redis = new Redis();
        final RedisRelay relay = new RedisRelay();
        final List<Notice> heard = new CopyOnWriteArrayList<>();
        final List<Rejoined> rejoined = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        Node() {
            redis.url = Optional.of(URI.create(server.url()));
            redis.timeout = Duration.ofMillis(300);
            redis.retry = Duration.ofMillis(500);
            redis.connect();
            clients.add(redis);
            relay.redis = redis;
            relay.json = JsonbBuilder.create();
            relay.channel = "chatr:test:notices";
            relay.notices = new Observers<>(notice -> {
                heard.add(notice);
                if (failing) {
                    throw new IllegalStateException("an observer failed");
                }
            });
            relay.rejoined = new Observers<>(rejoined::add);
            relay.metrics = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MetricRegistry.class},
                    (proxy, method, args) -> method.getName().equals("timer") ? timer() : null);
            relay.threads = new Threads();
            relay.wire();
            relay.start(null);
            relays.add(relay);
        }
    }

    private static Timer timer() {
        return (Timer) Proxy.newProxyInstance(RedisRelayTest.class.getClassLoader(), new Class<?>[] {Timer.class}, (proxy, method, args) -> null);
    }

    /** The observers of one event type, synchronous. */
    private record Observers<T>(java.util.function.Consumer<T> observer) implements Event<T> {

        @Override
        public void fire(T event) {
            observer.accept(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Threads implements ManagedThreadFactory {

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }
}
