package ai.chatr.messages.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The room's stored messages, read back in order. */
@ApplicationScoped
public class Transcript {

    @PersistenceContext
    EntityManager em;

    /**
     * A page of messages, oldest first: the newest {@code limit}, or those just before
     * {@code before}, or the first ones after {@code after}; of the named {@code channels} only,
     * or of every channel when that is null.
     */
    public List<ChatMessage> page(int limit, Long before, Long after, Collection<String> channels) {
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add("m.id > :after");
        }
        if (before != null) {
            conditions.add("m.id < :before");
        }
        if (channels != null) {
            conditions.add("m.channel IN :channels");
        }
        boolean newestFirst = after == null;
        String jpql = "SELECT m FROM Message m" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY m.id" + (newestFirst ? " DESC" : "");
        TypedQuery<Message> query = em.createQuery(jpql, Message.class);
        if (after != null) {
            query.setParameter("after", after);
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        if (channels != null) {
            query.setParameter("channels", channels);
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

    /** The newest {@code count} messages of every channel, oldest first. */
    public List<ChatMessage> newest(int count) {
        return page(count, null, null, null);
    }

    /** The newest {@code count} messages of one channel, oldest first. */
    public List<ChatMessage> newest(int count, String channel) {
        return page(count, null, null, List.of(channel));
    }

    /**
     * Puts the messages stored by a chatr before channels (their channel is null) into
     * {@code channel}; answers how many there were and when the newest was posted.
     */
    public Moved moveUnfiled(String channel) {
        long count = em.createQuery("SELECT COUNT(m) FROM Message m WHERE m.channel IS NULL", Long.class).getSingleResult();
        Instant newest = em.createQuery("SELECT m FROM Message m WHERE m.channel IS NULL ORDER BY m.id DESC", Message.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(Message::postedAt)
                .orElse(null);
        em.createQuery("UPDATE Message m SET m.channel = :channel WHERE m.channel IS NULL")
                .setParameter("channel", channel)
                .executeUpdate();
        return new Moved(count, newest);
    }

    /** Messages moved into a channel: how many, and when the newest of them was posted. */
    public record Moved(long count, Instant newest) {
    }
}
