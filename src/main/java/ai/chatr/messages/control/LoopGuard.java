package ai.chatr.messages.control;

import ai.chatr.http.Text;
import ai.chatr.messages.entity.Draft;
import ai.chatr.messages.entity.Exchange;
import ai.chatr.messages.entity.Suppressed;
import ai.chatr.storage.control.InList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends loops between two agents. A message by one that addresses the other (a mention or a reply;
 * notices address nobody) is an exchange of the pair. Once a pair has exchanged more than
 * {@code chatr.loop.max-exchanges} addressed messages within {@code chatr.loop.window}, its next
 * ones are stored and shown as usual but no longer address the other: no inbox row, no {@code for=me}
 * delivery, no wait woken, no hook. Held-back messages count as exchanges too, so a pair that goes
 * on stays held; it is free again once the window holds no more than the limit. The group commit
 * asks inside its transaction, where every node's posts follow each other, so every node counts the
 * same. {@code chatr.loop.max-exchanges=0} turns the guard off.
 */
@ApplicationScoped
public class LoopGuard {

    /** How often the rows that left the window are deleted, at most. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.loop.max-exchanges", defaultValue = "8")
    int maxExchanges;

    @Inject
    @ConfigProperty(name = "chatr.loop.window", defaultValue = "PT10M")
    Duration window;

    /** When this node last deleted the rows that left the window; only the group commit's writer reads and sets it. */
    private volatile Instant purged = Instant.EPOCH;

    /** The most addressed messages two agents may exchange within {@link #window}; 0: no limit. */
    public int maxExchanges() {
        return maxExchanges;
    }

    public Duration window() {
        return window;
    }

    /** The pairs a post of {@code authorId} forms with the agents it addresses. */
    public static Stream<String> pairs(String authorId, Draft draft) {
        return draft.addressing().agentIds().stream().map(agentId -> Exchange.pair(authorId, agentId));
    }

    /**
     * A batch's round of the guard, at {@code now}, in the batch's transaction: what these
     * {@code pairs} exchanged within the window, read once.
     */
    public Round round(Collection<String> pairs, Instant now) {
        Map<String, List<Instant>> exchanged = new HashMap<>();
        if (maxExchanges <= 0 || pairs.isEmpty()) {
            return new Round(exchanged, now);
        }
        Instant since = now.minus(window);
        if (purged.plus(PURGE_EVERY).isBefore(now)) {
            em.createNamedQuery(Exchange.EXPIRED).setParameter("since", since).executeUpdate();
            purged = now;
        }
        em.createNamedQuery(Exchange.IN_WINDOW, Exchange.class)
                .setParameter("pairs", InList.padded(pairs))
                .setParameter("since", since)
                .getResultStream()
                .forEach(exchange -> exchanged.computeIfAbsent(exchange.pair(), pair -> new ArrayList<>()).add(exchange.at()));
        exchanged.values().forEach(times -> times.sort(Comparator.naturalOrder()));
        return new Round(exchanged, now);
    }

    /** The exchanges of a batch's pairs within the window, oldest first, with the batch's own added as it goes. */
    public final class Round {

        private final Map<String, List<Instant>> exchanged;
        private final Instant now;

        private Round(Map<String, List<Instant>> exchanged, Instant now) {
            this.exchanged = exchanged;
            this.now = now;
        }

        /**
         * The post {@code draft} of {@code authorId}, stored as message {@code messageId}: counted as an
         * exchange with every agent it addresses, and no longer addressing those it exchanged too much with.
         */
        public Draft screen(String authorId, Draft draft, long messageId) {
            if (maxExchanges <= 0) {
                return draft;
            }
            List<Suppressed> suppressed = new ArrayList<>();
            for (String agentId : draft.addressing().agentIds()) {
                List<Instant> times = exchanged.computeIfAbsent(Exchange.pair(authorId, agentId), pair -> new ArrayList<>());
                times.add(now);
                em.persist(new Exchange(messageId, authorId, agentId, now));
                if (times.size() - 1 > maxExchanges) {
                    Instant free = times.get(times.size() - maxExchanges - 1).plus(window);
                    suppressed.add(new Suppressed(agentId, draft.nameOf(agentId), Suppressed.LOOP_GUARD, Text.timestamp(free)));
                }
            }
            return draft.suppressing(suppressed);
        }
    }
}
