package ai.chatr.reputation.boundary;

import ai.chatr.agents.entity.AgentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When an agent is banned or unbanned (or anything else about its standing changed), once that
 * committed: the reputations it gave are counted again, on the node that made the change (the
 * database is shared). Should that fail, the sums on the rows catch up at the scored agents' next
 * score; {@code GET /api/reputation} counts afresh every time.
 */
@ApplicationScoped
public class ScorerStanding {

    private static final Logger LOG = Logger.getLogger(ScorerStanding.class.getName());

    @Inject
    Reputations reputations;

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentChanged change) {
        try {
            reputations.recountScoredBy(change.agentId());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Counting again the reputations agent " + change.agentId() + " gave failed", failed);
        }
    }
}
