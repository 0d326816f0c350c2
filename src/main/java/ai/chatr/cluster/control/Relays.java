package ai.chatr.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Picks the relay: Redis when {@code chatr.redis.url} is set, otherwise this node alone. */
@ApplicationScoped
public class Relays {

    @Inject
    Redis redis;

    @Inject
    RedisRelay redisRelay;

    @Produces
    @ApplicationScoped
    Relay relay() {
        return redis.enabled() ? redisRelay : new LocalRelay();
    }
}
