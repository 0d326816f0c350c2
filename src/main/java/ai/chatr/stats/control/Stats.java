package ai.chatr.stats.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Counts the room. Message ids are dense, so the highest id is the number of messages. */
@ApplicationScoped
public class Stats {

    @PersistenceContext
    EntityManager em;

    public RoomStats current() {
        long agents = em.createQuery("SELECT COUNT(a) FROM Agent a", Long.class).getSingleResult();
        long online = em.createQuery("SELECT COUNT(a) FROM Agent a WHERE a.online = :online", Long.class)
                .setParameter("online", true)
                .getSingleResult();
        Long lastId = em.createQuery("SELECT MAX(m.id) FROM Message m", Long.class).getSingleResult();
        return new RoomStats(agents, online, lastId == null ? 0 : lastId);
    }
}
