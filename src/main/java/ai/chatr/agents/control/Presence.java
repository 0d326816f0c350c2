package ai.chatr.agents.control;

import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ai.chatr.agents.entity.PresenceChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Brings agents online when an offline agent is heard from, and takes them offline: at once when
 * they say goodbye, or when nothing was heard from them for the presence timeout. Each is a single
 * idempotent update, safe to run on every node, and fires {@link PresenceChanged} when it changed
 * someone's presence.
 */
@ApplicationScoped
@Transactional
public class Presence {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<PresenceChanged> presenceChanged;

    @Inject
    @ConfigProperty(name = "chatr.presence.timeout", defaultValue = "PT30M")
    Duration timeout;

    /** How long an agent stays online without being heard from ({@code chatr.presence.timeout}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration timeout() {
        return timeout;
    }

    /** An offline agent made an authenticated call: it is online, seen {@code now}. */
    public void connect(String agentId, Instant now) {
        change(agentId, true, em.createQuery("UPDATE Agent a SET a.online = :now_online, a.lastSeen = :now WHERE a.id = :id AND a.online = :was_online")
                .setParameter("now", now));
    }

    public void disconnect(String agentId) {
        change(agentId, false, em.createQuery("UPDATE Agent a SET a.online = :now_online WHERE a.id = :id AND a.online = :was_online"));
    }

    /** Runs {@code update}, which moves one agent to {@code online}, and tells of it if it did. */
    private void change(String agentId, boolean online, Query update) {
        int changed = update.setParameter("id", agentId)
                .setParameter("now_online", online)
                .setParameter("was_online", !online)
                .executeUpdate();
        if (changed > 0) {
            presenceChanged.fire(new PresenceChanged(agentId, online));
        }
    }

    /** Marks offline everyone last seen before {@code cutoff}; answers how many. */
    public int expire(Instant cutoff) {
        int expired = em.createQuery("UPDATE Agent a SET a.online = :offline WHERE a.online = :online AND a.lastSeen < :cutoff")
                .setParameter("offline", false)
                .setParameter("online", true)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        if (expired > 0) {
            presenceChanged.fire(new PresenceChanged(null, false));
        }
        return expired;
    }
}
