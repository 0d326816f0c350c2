package ai.chatr.messages.control;

import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.messages.entity.Message;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a post that repeats, in the same words ({@link SameText}), one its author posted within
 * {@code chatr.messages.duplicate-window} (PT0S: never). The group commit asks inside its
 * transaction, where every node's posts follow each other, so a repeat sent to two nodes at once is
 * refused too.
 */
@ApplicationScoped
public class Duplicates {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.messages.duplicate-window", defaultValue = "PT10M")
    Duration window;

    /**
     * The standing messages posted within the window at {@code now} whose fingerprint is one of
     * {@code fingerprints}: fingerprint to the id of the newest such message. Empty, without asking
     * the database, when duplicates are allowed.
     */
    public Map<String, Long> earlier(Collection<String> fingerprints, Instant now) {
        Map<String, Long> earlier = new HashMap<>();
        if (window.isZero() || window.isNegative() || fingerprints.isEmpty()) {
            return earlier;
        }
        List<Object[]> found = em.createNamedQuery(Message.SAME_TEXT, Object[].class)
                .setParameter("fingerprints", InList.padded(fingerprints))
                .setParameter("since", now.minus(window))
                .getResultList();
        found.forEach(row -> earlier.merge((String) row[0], (Long) row[1], Math::max));
        return earlier;
    }

    /** How long a text stays one its author cannot post again. */
    public Duration window() {
        return window;
    }

    /** Whether a post is compared with earlier ones at all. */
    public boolean enabled() {
        return !window.isZero() && !window.isNegative();
    }

    /** The refusal of a repeat of the message {@code earlierId}. */
    public ApiException refusal(long earlierId) {
        return new ApiException(409, "duplicate_message", "You posted the same text as message " + earlierId
                + " within the last " + Text.describe(window) + "; it was not posted again.")
                .with("id", Long.toString(earlierId));
    }
}
