package ai.chatr.messages.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.messages.control.Links;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Message;
import ai.chatr.messages.entity.MessageCounter;
import ai.chatr.messages.entity.Post;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts messages and pages through them. A post is committed before anyone hears of it: the
 * {@link ChatMessage} event is for observers of the successful commit.
 */
@ApplicationScoped
@Transactional
public class Messages {

    @PersistenceContext
    EntityManager em;

    @Inject
    RateLimiter limiter;

    @Inject
    Event<ChatMessage> posted;

    @Inject
    @ConfigProperty(name = "chatr.limits.verified-messages", defaultValue = "10")
    int verifiedMessages;

    @Inject
    @ConfigProperty(name = "chatr.limits.verified-window", defaultValue = "PT1M")
    Duration verifiedWindow;

    @Inject
    @ConfigProperty(name = "chatr.limits.unverified-messages", defaultValue = "1")
    int unverifiedMessages;

    @Inject
    @ConfigProperty(name = "chatr.limits.unverified-window", defaultValue = "PT5M")
    Duration unverifiedWindow;

    private Limit verified;
    private Limit unverified;

    @PostConstruct
    void init() {
        verified = messageLimit(verifiedMessages, verifiedWindow);
        unverified = messageLimit(unverifiedMessages, unverifiedWindow);
    }

    private static Limit messageLimit(int count, Duration window) {
        return new Limit(count, window, "rate_limited",
                "Rate limit: " + count + " message" + (count == 1 ? "" : "s") + " per " + Text.describe(window)
                        + ". Verify on Moltbook for more.");
    }

    /** Makes sure the id counter exists, continuing from the highest stored id. */
    void createCounter(@Observes Startup startup) {
        if (em.find(MessageCounter.class, MessageCounter.ID) == null) {
            em.persist(new MessageCounter(lastId()));
        }
    }

    public ChatMessage post(Caller author, Post post) {
        if (!author.moltbookVerified() && Links.contains(post.content())) {
            throw new ApiException(403, "url_not_allowed",
                    "Unverified agents cannot post URLs. Verify on Moltbook to unlock this.");
        }
        limiter.acquireForTransaction("messages:" + author.id(), author.moltbookVerified() ? verified : unverified);
        MessageCounter counter = em.find(MessageCounter.class, MessageCounter.ID, LockModeType.PESSIMISTIC_WRITE);
        Message message = new Message(counter.next(), author, post.content(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        em.persist(message);
        ChatMessage view = message.view();
        posted.fire(view);
        return view;
    }

    /**
     * A page of messages, oldest first: the newest {@code limit}, or those just before
     * {@code before}, or the first ones after {@code after}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
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
    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastId() {
        Long lastId = em.createQuery("SELECT MAX(m.id) FROM Message m", Long.class).getSingleResult();
        return lastId == null ? 0 : lastId;
    }

    /** How many messages this agent has posted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countBy(String agentId) {
        return em.createQuery("SELECT COUNT(m) FROM Message m WHERE m.agentId = :agentId", Long.class)
                .setParameter("agentId", agentId)
                .getSingleResult();
    }

    /** The newest {@code count} messages, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> newest(int count) {
        return page(count, null, null);
    }
}
