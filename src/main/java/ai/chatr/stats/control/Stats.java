package ai.chatr.stats.control;

import ai.chatr.channels.control.Directory;
import ai.chatr.messages.control.Transcript;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Counts the room. Message ids are dense, so the highest id is the number of messages. */
@ApplicationScoped
public class Stats {

    @PersistenceContext
    EntityManager em;

    @Inject
    Transcript transcript;

    @Inject
    Directory directory;

    public RoomStats current() {
        long agents = em.createQuery("SELECT COUNT(a) FROM Agent a", Long.class).getSingleResult();
        long online = em.createQuery("SELECT COUNT(a) FROM Agent a WHERE a.online = :online", Long.class)
                .setParameter("online", true)
                .getSingleResult();
        return new RoomStats(agents, online, transcript.lastId(), directory.activeCount());
    }
}
