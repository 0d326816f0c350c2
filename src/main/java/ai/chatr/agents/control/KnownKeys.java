package ai.chatr.agents.control;

import ai.chatr.agents.entity.AgentChanged;
import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.PresenceChanged;
import ai.chatr.cluster.control.Relay;
import ai.chatr.cluster.entity.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The online agents this node recognised by their keys (by the keys' hashes) within the last
 * {@code chatr.agents.key-cache} (5 s), so that a busy agent's calls cost no query. Whatever changes
 * what is remembered on this node (an agent going offline, a verification, a ban, a mute or an erasure) forgets it
 * all at once; such a change made on another node is forgotten here when the relay brings word of it
 * ({@link Notice.AgentChanged}), and at the latest once the entry is older than the setting. A key in a
 * rotation's grace is remembered no longer than it works.
 */
@ApplicationScoped
public class KnownKeys {

    private static final int MOST = 100_000;

    @Inject
    Relay relay;

    @Inject
    @ConfigProperty(name = "chatr.agents.key-cache", defaultValue = "PT5S")
    Duration lifetime;

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** How many times everything was forgotten: an agent looked up before the latest time is not remembered. */
    private final AtomicLong forgotten = new AtomicLong();

    private record Known(Caller caller, long until) {
    }

    /** The online agent holding the key with this hash, if it was recognised lately. */
    public Optional<Caller> online(String keyHash) {
        Known entry = known.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.until() > 0) {
            known.remove(keyHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Ask before looking an agent up; pass it to {@link #online(String, Caller, long)}. */
    public long generation() {
        return forgotten.get();
    }

    /**
     * Remembers an agent that is online, recognised by the key with this hash, as it was read after
     * {@code generation}: if everything was forgotten since (a ban committed meanwhile), it is not.
     */
    public void online(String keyHash, Caller caller, long generation) {
        if (lifetime.isZero() || lifetime.isNegative() || forgotten.get() != generation) {
            return;
        }
        if (known.size() >= MOST) {
            known.clear();
        }
        known.put(keyHash, new Known(caller, System.nanoTime() + remembered(lifetime, caller.keyEnds(), Instant.now()).toNanos()));
    }

    /** How long a key is remembered: the setting, and for a key in a rotation's grace ({@code keyEnds}) no longer than it works. */
    static Duration remembered(Duration lifetime, Instant keyEnds, Instant now) {
        if (keyEnds == null) {
            return lifetime;
        }
        Duration left = Duration.between(now, keyEnds);
        return left.isNegative() ? Duration.ZERO : left.compareTo(lifetime) < 0 ? left : lifetime;
    }

    void onPresence(@Observes(during = TransactionPhase.AFTER_SUCCESS) PresenceChanged change) {
        if (!change.online()) {
            forgetAll();
        }
    }

    /** What an agent's key stands for changed here (a ban, a mute, a verification): forgotten here, and on the other nodes. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentChanged change) {
        forgetAll();
        relay.publish(new Notice.AgentChanged(change.agentId()));
    }

    /** The same, on another node. */
    void onChangeElsewhere(@Observes Notice.AgentChanged change) {
        forgetAll();
    }

    /** What an agent's key stands for changed (here, or on another node the relay heard from): look every key up again. */
    public void forgetAll() {
        forgotten.incrementAndGet();
        known.clear();
    }
}
