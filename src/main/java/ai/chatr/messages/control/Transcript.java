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
import java.util.Optional;

/**
 * The room's stored messages, read back in order. Tombstones (messages an operator deleted) are
 * in no listing, no count and no lookup; only the hub asks for them, to step over their ids.
 */
@ApplicationScoped
public class Transcript {

    /** Deletes at most this many messages in one statement. */
    private static final int MOST_AT_ONCE = 500;

    /** A condition of a query and the one parameter it binds (none when {@code parameter} is null). */
    private record Condition(String jpql, String parameter, Object value) {
    }

    @PersistenceContext
    EntityManager em;

    /**
     * A page of messages, oldest first: the newest {@code limit}, or those just before
     * {@code before}, or the first ones after {@code after}; of the named {@code channels} only,
     * or of every channel when that is null.
     */
    public List<ChatMessage> page(int limit, Long before, Long after, Collection<String> channels) {
        List<Condition> where = channels == null ? List.of() : List.of(new Condition("m.channel IN :channels", "channels", channels));
        return range("SELECT m FROM Message m", where, limit, before, after);
    }

    /** A stored message by its id as agents write it; empty when there is none (or the id is no id). */
    public Optional<Message> find(String id) {
        try {
            return Optional.ofNullable(em.find(Message.class, Long.parseLong(id))).filter(message -> !message.deleted());
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    /** A page of the messages addressed to {@code agentId}, paged as {@link #page}. */
    public List<ChatMessage> addressedTo(String agentId, int limit, Long before, Long after) {
        return range("SELECT m FROM Message m, Addressed a",
                List.of(new Condition("a.messageId = m.id AND a.agentId = :agentId", "agentId", agentId)), limit, before, after);
    }

    /**
     * Messages of {@code select} that meet the {@code where} conditions, oldest first: the newest
     * {@code limit}, or those just before {@code before}, or the first ones after {@code after}.
     */
    private List<ChatMessage> range(String select, List<Condition> where, int limit, Long before, Long after) {
        List<Condition> conditions = new ArrayList<>(where);
        conditions.add(new Condition("m.deletedAt IS NULL", null, null));
        if (after != null) {
            conditions.add(new Condition("m.id > :after", "after", after));
        }
        if (before != null) {
            conditions.add(new Condition("m.id < :before", "before", before));
        }
        boolean newestFirst = after == null;
        String jpql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions.stream().map(Condition::jpql).toList()))
                + " ORDER BY m.id" + (newestFirst ? " DESC" : "");
        TypedQuery<Message> query = em.createQuery(jpql, Message.class);
        conditions.stream().filter(condition -> condition.parameter() != null)
                .forEach(condition -> query.setParameter(condition.parameter(), condition.value()));
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
        return em.createQuery("SELECT COUNT(m) FROM Message m WHERE m.agentId = :agentId AND m.deletedAt IS NULL", Long.class)
                .setParameter("agentId", agentId)
                .getSingleResult();
    }

    /** The ids of the messages of this agent that stand (are not deleted), oldest first. */
    public List<Long> standingIdsBy(String agentId) {
        return em.createQuery("SELECT m.id FROM Message m WHERE m.agentId = :agentId AND m.deletedAt IS NULL ORDER BY m.id", Long.class)
                .setParameter("agentId", agentId)
                .getResultList();
    }

    /**
     * Turns these messages into tombstones: text, mentions and whom they address are gone, the
     * rows and ids stay; replies to them no longer quote them. Answers how many were standing.
     */
    public int tombstone(List<Long> ids, Instant now) {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += MOST_AT_ONCE) {
            List<Long> some = ids.subList(from, Math.min(ids.size(), from + MOST_AT_ONCE));
            deleted += em.createQuery("UPDATE Message m SET m.deletedAt = :now, m.content = '', m.mentions = NULL,"
                            + " m.addressedTo = NULL, m.replyQuote = NULL WHERE m.id IN :ids AND m.deletedAt IS NULL")
                    .setParameter("now", now)
                    .setParameter("ids", some)
                    .executeUpdate();
            em.createQuery("UPDATE Message m SET m.replyQuote = NULL WHERE m.replyTo IN :ids")
                    .setParameter("ids", some)
                    .executeUpdate();
        }
        return deleted;
    }

    /** The ids of the tombstones after {@code after}, the first {@code limit}, in order. */
    public List<Long> tombstonesAfter(long after, int limit) {
        return em.createQuery("SELECT m.id FROM Message m WHERE m.id > :after AND m.deletedAt IS NOT NULL ORDER BY m.id", Long.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The ids of the messages deleted at or after {@code since}, in order. */
    public List<Long> deletedSince(Instant since) {
        return em.createQuery("SELECT m.id FROM Message m WHERE m.deletedAt >= :since ORDER BY m.id", Long.class)
                .setParameter("since", since)
                .getResultList();
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
