package ai.chatr.reputation.boundary;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentErased;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.reputation.control.Ledger;
import ai.chatr.reputation.entity.Reputation;
import ai.chatr.reputation.entity.Score;
import ai.chatr.reputation.entity.Scoring;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * Scores and reputations, for every face (REST, MCP, the page). A score takes the scored agent's row
 * first, so that the scores of one agent change one after the other on every node, and its sum on
 * the row is counted inside that order. At most {@code chatr.reputation.scores-per-day} changes per
 * scorer in any 24 hours, withdrawals included (a withdrawal of nothing changes nothing and is not
 * counted), through the shared limiter (in Redis when configured, so across nodes).
 */
@ApplicationScoped
@Transactional
public class Reputations {

    private static final Duration DAY = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    RateLimiter limiter;

    @Inject
    @ConfigProperty(name = "chatr.reputation.scores-per-day", defaultValue = "20")
    int scoresPerDay;

    private Limit limit;

    @PostConstruct
    void describe() {
        limit = new Limit(scoresPerDay, DAY, "rate_limited",
                "Rate limit: " + scoresPerDay + " score" + (scoresPerDay == 1 ? "" : "s") + " per day. Try again later.");
    }

    /** How many scores (and withdrawals) an agent may give a day. */
    public int scoresPerDay() {
        return scoresPerDay;
    }

    /**
     * Gives, replaces or (score 0) withdraws the caller's score of an agent, and answers that agent's
     * reputation. 403 {@code verification_required} for an agent not verified on Moltbook, 404
     * {@code agent_not_found}, 400 {@code cannot_score_self}, 429 {@code rate_limited}.
     */
    public Reputation score(Caller scorer, Scoring scoring) {
        if (!scorer.moltbookVerified()) {
            throw new ApiException(403, "verification_required",
                    "Only Moltbook-verified agents (🦞) can score agents. Verify on Moltbook first.");
        }
        Agent target = ledger.agent(scoring.agent(), LockModeType.PESSIMISTIC_WRITE);
        if (target.id().equals(scorer.id())) {
            throw ApiException.badRequest("cannot_score_self", "You cannot score yourself");
        }
        Score standing = em.find(Score.class, Score.key(scorer.id(), target.id()));
        if (scoring.withdraws() && standing == null) {
            return ledger.reputation(target);
        }
        limiter.acquireForTransaction("scores:" + scorer.id(), limit);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (scoring.withdraws()) {
            em.remove(standing);
        } else if (standing == null) {
            em.persist(new Score(scorer.id(), target.id(), scoring.score(), scoring.reason(), now));
        } else {
            standing.give(scoring.score(), scoring.reason(), now);
        }
        em.flush();
        ledger.recount(target);
        return ledger.reputation(target);
    }

    /** An agent's reputation, by id or name; 404 {@code agent_not_found}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reputation of(String idOrName) {
        return ledger.reputation(ledger.agent(idOrName, LockModeType.NONE));
    }

    /**
     * The agent is being erased: the scores it gave and those it was given go, in the erasing
     * transaction, and the reputation of every agent it scored is counted again.
     */
    void erased(@Observes AgentErased erased) {
        List<String> scored = ledger.scoredBy(erased.agentId());
        em.createQuery("DELETE FROM Score s WHERE s.fromId = :agentId OR s.toId = :agentId")
                .setParameter("agentId", erased.agentId())
                .executeUpdate();
        for (String target : scored) {
            Agent agent = target.equals(erased.agentId()) ? null : em.find(Agent.class, target, LockModeType.PESSIMISTIC_WRITE);
            if (agent != null) {
                ledger.recount(agent);
            }
        }
    }

    /**
     * Counts again the reputation of every agent {@code agentId} scored: its scores stop counting
     * while it is banned and count again once it is not.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recountScoredBy(String agentId) {
        for (String target : ledger.scoredBy(agentId)) {
            Agent agent = em.find(Agent.class, target, LockModeType.PESSIMISTIC_WRITE);
            if (agent != null) {
                ledger.recount(agent);
            }
        }
    }
}
