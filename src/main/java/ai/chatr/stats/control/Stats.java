package ai.chatr.stats.control;

import ai.chatr.channels.control.Directory;
import ai.chatr.messages.control.Transcript;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Counts the room. Message ids are dense, so the highest id is the number of messages. */
@ApplicationScoped
public class Stats {

    @PersistenceContext
    EntityManager em;

    @Inject
    Transcript transcript;

    @Inject
    Directory directory;

    /**
     * In a transaction of its own: the counts are read by timers and by the coalesced announcements,
     * on threads outside any request, where the container's entity manager could be closed between
     * two queries ("an operation on a closed EntityManager") without one.
     */
    @Transactional
    public RoomStats current() {
        long agents = em.createQuery("SELECT COUNT(a) FROM Agent a", Long.class).getSingleResult();
        long online = em.createQuery("SELECT COUNT(a) FROM Agent a WHERE a.online = :online", Long.class)
                .setParameter("online", true)
                .getSingleResult();
        return new RoomStats(agents, online, transcript.lastId(), directory.activeCount());
    }
}
