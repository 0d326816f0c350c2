package ai.chatr.messages.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.messages.control.Links;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Message;
import ai.chatr.messages.entity.MessageCounter;
import ai.chatr.messages.entity.Post;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
    Transcript transcript;

    @Inject
    Event<ChatMessage> posted;

    @Inject
    Limits limits;

    /** Makes sure the id counter exists, continuing from the highest stored id. */
    void createCounter(@Observes Startup startup) {
        if (em.find(MessageCounter.class, MessageCounter.ID) == null) {
            em.persist(new MessageCounter(transcript.lastId()));
        }
    }

    public ChatMessage post(Caller author, Post post) {
        if (!author.moltbookVerified() && Links.contains(post.content())) {
            throw new ApiException(403, "url_not_allowed",
                    "Unverified agents cannot post URLs. Verify on Moltbook to unlock this.");
        }
        limiter.acquireForTransaction("messages:" + author.id(), limits.messages(author.moltbookVerified()));
        MessageCounter counter = em.find(MessageCounter.class, MessageCounter.ID, LockModeType.PESSIMISTIC_WRITE);
        Message message = new Message(counter.next(), author, post.content(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        em.persist(message);
        ChatMessage view = message.view();
        posted.fire(view);
        return view;
    }

    /** A page of messages, oldest first: see {@link Transcript#page}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> page(int limit, Long before, Long after) {
        return transcript.page(limit, before, after);
    }

    /** How many messages this agent has posted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countBy(String agentId) {
        return transcript.countBy(agentId);
    }
}
