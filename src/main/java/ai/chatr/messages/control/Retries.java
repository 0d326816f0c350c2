package ai.chatr.messages.control;

import ai.chatr.http.ApiException;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Message;
import ai.chatr.messages.entity.Retry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import ai.chatr.storage.control.InList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts sent again with the same idempotency key: within {@code chatr.messages.idempotency-window}
 * (PT24H) the same agent's same key answers the message the first post stored, and stores nothing.
 * The key is stored with the message, in its transaction, so a repeat finds it after a restart and
 * on every node; the group commit asks again inside its transaction, where every node's posts
 * follow each other, so that two repeats sent at once store one message. A repeat that finds its
 * author's allowance used up looks for the first one's message for a moment instead.
 */
@ApplicationScoped
public class Retries {

    /** How long a repeat over its author's allowance looks for the message it repeats, and how often. */
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final long LOOK_EVERY_MILLIS = 100;

    @PersistenceContext
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "chatr.messages.idempotency-window", defaultValue = "PT24H")
    Duration window;

    /** The messages posted within the window at {@code now} with one of these keys: key to message. */
    public Map<String, Message> earlier(Collection<String> keys, Instant now) {
        Map<String, Message> earlier = new HashMap<>();
        if (keys.isEmpty()) {
            return earlier;
        }
        em.createNamedQuery(Message.KEYED, Message.class)
                .setParameter("keys", InList.padded(keys))
                .setParameter("since", now.minus(window))
                .getResultList()
                .forEach(message -> earlier.merge(message.idempotency(), message, (one, other) -> one.id() > other.id() ? one : other));
        return earlier;
    }

    /**
     * The answer to a repeat of {@code first}: the message as it stands, or the refusal when the
     * repeat asks for something else with the same key, or the message was deleted since.
     */
    public ChatMessage answer(Message first, Retry retry) {
        if (!first.asked(retry)) {
            throw new ApiException(422, "idempotency_key_reused", "This idempotency key was used for message " + first.id()
                    + " with different content, channel, reply or kind; use a new key for a new message.")
                    .with("id", Long.toString(first.id()));
        }
        if (first.deleted()) {
            throw new ApiException(409, "message_deleted", "The message this idempotency key posted (" + first.id()
                    + ") was deleted since; it was not posted again.")
                    .with("id", Long.toString(first.id()));
        }
        return first.view();
    }

    /**
     * The answer to a repeat that came when its author's allowance was used up: the message its key
     * stored, looked for now and again for a moment, since the first post may still be on its way to
     * the database, on this node or another; empty when none comes.
     */
    public CompletionStage<Optional<ChatMessage>> awaitFirst(Retry retry) {
        CompletableFuture<Optional<ChatMessage>> found = new CompletableFuture<>();
        look(retry, Instant.now().plus(PATIENCE), found);
        return found;
    }

    private void look(Retry retry, Instant deadline, CompletableFuture<Optional<ChatMessage>> found) {
        try {
            Instant now = Instant.now();
            Message first = earlier(List.of(retry.key()), now).get(retry.key());
            if (first != null) {
                found.complete(Optional.of(answer(first, retry)));
            } else if (now.isAfter(deadline)) {
                found.complete(Optional.empty());
            } else {
                scheduler.schedule(() -> look(retry, deadline, found), LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException failed) {
            found.completeExceptionally(failed);
        }
    }

    public Duration window() {
        return window;
    }
}
