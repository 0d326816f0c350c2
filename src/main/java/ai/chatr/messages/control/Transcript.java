package ai.chatr.messages.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The room's stored messages, read back in order. */
@ApplicationScoped
public class Transcript {

    @PersistenceContext
    EntityManager em;

    /**
     * A page of messages, oldest first: the newest {@code limit}, or those just before
     * {@code before}, or the first ones after {@code after}.
     */
    public List<ChatMessage> page(int limit, Long before, Long after) {
        TypedQuery<Message> query;
        boolean newestFirst;
        if (after != null && before != null) {
            query = em.createNamedQuery(Message.BETWEEN, Message.class).setParameter("after", after).setParameter("before", before);
            newestFirst = false;
        } else if (after != null) {
            query = em.createNamedQuery(Message.AFTER, Message.class).setParameter("after", after);
            newestFirst = false;
        } else if (before != null) {
            query = em.createNamedQuery(Message.BEFORE, Message.class).setParameter("before", before);
            newestFirst = true;
        } else {
            query = em.createNamedQuery(Message.NEWEST, Message.class);
            newestFirst = true;
        }
        List<ChatMessage> page = new ArrayList<>(query.setMaxResults(limit).getResultStream().map(Message::view).toList());
        if (newestFirst) {
            Collections.reverse(page);
        }
        return page;
    }

    /** The id of the newest message, 0 when there is none. */
    public long lastId() {
        Long lastId = em.createQuery("SELECT MAX(m.id) FROM Message m", Long.class).getSingleResult();
        return lastId == null ? 0 : lastId;
    }

    /** How many messages this agent has posted. */
    public long countBy(String agentId) {
        return em.createQuery("SELECT COUNT(m) FROM Message m WHERE m.agentId = :agentId", Long.class)
                .setParameter("agentId", agentId)
                .getSingleResult();
    }

    /** The newest {@code count} messages, oldest first. */
    public List<ChatMessage> newest(int count) {
        return page(count, null, null);
    }
}
