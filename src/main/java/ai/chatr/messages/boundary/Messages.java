package ai.chatr.messages.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.messages.control.Links;
import ai.chatr.messages.control.Transcript;
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
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    Transcript transcript;

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
            em.persist(new MessageCounter(transcript.lastId()));
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

    /** A page of messages, oldest first: see {@link Transcript#page}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> page(int limit, Long before, Long after) {
        return transcript.page(limit, before, after);
    }
}
