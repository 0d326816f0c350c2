package ai.chatr.agents.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When online agents were last heard from on this node, not yet written: an authenticated call of an
 * agent that is online already costs no write. {@link #flush()} writes them all at once; the presence
 * sweep flushes before it expires anyone, so a node never takes offline an agent it heard from.
 * (Coming online is written at once: see {@code Presence#connect}.)
 */
@ApplicationScoped
public class Sightings {

    @PersistenceContext
    EntityManager em;

    private final Map<String, Instant> unwritten = new ConcurrentHashMap<>();

    public void seen(String agentId, Instant when) {
        unwritten.merge(agentId, when, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    /** When this node last heard from the agent, if that is not written yet. */
    public Optional<Instant> unwritten(String agentId) {
        return Optional.ofNullable(unwritten.get(agentId));
    }

    /** Writes every unwritten sighting; a later one already stored (by another node) stays. */
    @Transactional
    public int flush() {
        int written = 0;
        for (Map.Entry<String, Instant> sighting : Map.copyOf(unwritten).entrySet()) {
            written += em.createQuery("UPDATE Agent a SET a.lastSeen = :seen WHERE a.id = :id AND a.lastSeen < :seen")
                    .setParameter("seen", sighting.getValue())
                    .setParameter("id", sighting.getKey())
                    .executeUpdate();
            unwritten.remove(sighting.getKey(), sighting.getValue());
        }
        return written;
    }
}
