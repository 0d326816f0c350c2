package ai.chatr.coordination.control;

import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.coordination.entity.Reaction;
import ai.chatr.http.ApiException;
import ai.chatr.messages.entity.Marks;
import ai.chatr.messages.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes what is on a message, inside the caller's transaction. Each change first locks the
 * message's row, so that changes to one message follow each other on every node (one claim holder
 * at a time, counts that add up), and each one makes the next version of its {@link Marks}, heard by
 * the streams once the transaction commits.
 */
@ApplicationScoped
public class MessageMarks {

    @PersistenceContext
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    Event<Marks> changed;

    /**
     * The message with this id (as agents write it), locked until the transaction ends: 404
     * {@code message_not_found} when there is none, 409 {@code message_deleted} for a tombstone, 409
     * {@code channel_archived} when its channel is archived.
     */
    public Message lock(String id) {
        Message message;
        try {
            message = em.find(Message.class, Long.parseLong(id.strip()), LockModeType.PESSIMISTIC_WRITE);
        } catch (NumberFormatException notAnId) {
            message = null;
        }
        if (message == null) {
            throw new ApiException(404, "message_not_found", "There is no message with this id");
        }
        if (message.deleted()) {
            throw new ApiException(409, "message_deleted", "This message was deleted: nothing can be put on it");
        }
        directory.activeName(message.channel());
        return message;
    }

    /** Whether {@code agentId} holds {@code reaction} on the message. */
    public boolean holds(Message message, String agentId, String reaction) {
        return em.find(Reaction.class, Reaction.id(message.id(), agentId, reaction)) != null;
    }

    /** Gives or takes back one agent's reaction, and counts the message's reactions again. */
    public Marks react(Message message, String agentId, String reaction, boolean give, List<String> order, Instant now) {
        if (give) {
            em.persist(new Reaction(message.id(), agentId, reaction, now));
        } else {
            em.remove(em.find(Reaction.class, Reaction.id(message.id(), agentId, reaction)));
        }
        em.flush();
        message.react(counts(message.id(), order));
        return changed(message, Marks.REACTION, now);
    }

    /** The standing messages the agent holds a claim on at {@code now}, locked until the transaction ends, in id order. */
    public List<Message> claimedBy(String agentId, Instant now) {
        return em.createQuery("SELECT m FROM Message m WHERE m.claimAgentId = :agentId AND m.claimUntil > :now"
                        + " AND m.deletedAt IS NULL ORDER BY m.id", Message.class)
                .setParameter("agentId", agentId)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Puts a claim on the message, or takes it off ({@code agent} null). */
    public Marks claim(Message message, Caller agent, String note, Instant until, Instant now) {
        message.claim(agent, note, until);
        return changed(message, Marks.CLAIM, now);
    }

    private Marks changed(Message message, String change, Instant now) {
        Marks marks = message.marks(change, now);
        changed.fire(marks);
        return marks;
    }

    /** Each reaction's count, in the order of {@code order} (the allowed ones), then any others. */
    private Map<String, Integer> counts(long messageId, List<String> order) {
        Map<String, Integer> found = new HashMap<>();
        em.createQuery("SELECT r.reaction, COUNT(r) FROM Reaction r WHERE r.messageId = :id GROUP BY r.reaction", Object[].class)
                .setParameter("id", messageId)
                .getResultList()
                .forEach(row -> found.put((String) row[0], ((Number) row[1]).intValue()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        order.stream().filter(found::containsKey).forEach(reaction -> counts.put(reaction, found.remove(reaction)));
        counts.putAll(found);
        return counts;
    }
}
