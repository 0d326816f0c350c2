package ai.chatr.presence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Takes agents offline: at once when they say goodbye, or when nothing was heard from them for
 * the presence timeout. Both are single idempotent updates, safe to run on every node.
 */
@ApplicationScoped
@Transactional
public class Presence {

    @PersistenceContext
    EntityManager em;

    public void disconnect(String agentId) {
        em.createQuery("UPDATE Agent a SET a.online = :offline WHERE a.id = :id")
                .setParameter("offline", false)
                .setParameter("id", agentId)
                .executeUpdate();
    }

    /** Marks offline everyone last seen before {@code cutoff}; answers how many. */
    public int expire(Instant cutoff) {
        return em.createQuery("UPDATE Agent a SET a.online = :offline WHERE a.online = :online AND a.lastSeen < :cutoff")
                .setParameter("offline", false)
                .setParameter("online", true)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
