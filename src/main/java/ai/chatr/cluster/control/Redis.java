package ai.chatr.cluster.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis that nodes share, when {@code chatr.redis.url} names one. Redis is a helper, never a
 * dependency: a command that fails answers {@link Optional#empty()}, and for
 * {@code chatr.redis.retry} (2 s) after a failure no command is tried at all, so that callers fall
 * back to what this node knows at once instead of waiting on timeouts.
 */
@ApplicationScoped
public class Redis {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());

    @Inject
    @ConfigProperty(name = "chatr.redis.url")
    Optional<URI> url;

    @Inject
    @ConfigProperty(name = "chatr.redis.timeout", defaultValue = "PT0.5S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "chatr.redis.retry", defaultValue = "PT2S")
    Duration retry;

    private RedisClient client;
    private HostAndPort address;
    private JedisClientConfig config;
    private volatile long unavailableUntil;
    private volatile boolean down;

    @PostConstruct
    void connect() {
        url.ifPresent(uri -> {
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis((int) timeout.toMillis())
                    .socketTimeoutMillis((int) timeout.toMillis());
            if (uri.getUserInfo() != null) {
                String[] credentials = uri.getUserInfo().split(":", 2);
                if (credentials.length == 2) {
                    config.user(credentials[0].isEmpty() ? null : credentials[0]).password(credentials[1]);
                } else {
                    config.password(credentials[0]);
                }
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 6379;
            address = new HostAndPort(uri.getHost(), port);
            this.config = config.build();
            client = RedisClient.builder().hostAndPort(address).clientConfig(this.config).build();
            LOG.info(() -> "Sharing fan-out and limits with the other nodes through Redis at " + uri.getHost() + ":" + port);
        });
    }

    public boolean enabled() {
        return client != null;
    }

    /** Runs a command; empty when Redis is not configured, failing, or recently failed. */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        if (client == null || System.currentTimeMillis() < unavailableUntil) {
            return Optional.empty();
        }
        try {
            T result = command.apply(client);
            if (down) {
                down = false;
                LOG.info("Redis answers again");
            }
            return Optional.ofNullable(result);
        } catch (JedisException failure) {
            unavailableUntil = System.currentTimeMillis() + retry.toMillis();
            if (!down) {
                down = true;
                LOG.warning("Redis is unavailable, this node carries on alone: " + failure.getMessage());
            }
            return Optional.empty();
        }
    }

    /**
     * Blocks, delivering the channels' messages, until unsubscribed or the connection fails. The
     * subscription has a connection of its own, closed when it ends, however it ends: a pooled
     * connection given back while still subscribed (a listener that threw) would hand the commands
     * that borrow it next the messages of the subscription as their answers.
     */
    public void subscribe(JedisPubSub listener, String... channels) {
        try (Jedis connection = new Jedis(address, config)) {
            connection.subscribe(listener, channels);
        }
    }

    @PreDestroy
    void disconnect() {
        if (client != null) {
            client.close();
        }
    }
}
