package ai.chatr.reputation.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.reputation.entity.Reputation;
import ai.chatr.reputation.entity.Score;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the scores: whom an id or name means, what an agent's standing scores add up to, and the
 * newest of them; and keeps the sum on the agent's row, which {@code GET /api/agents}, the profiles
 * and the page show without counting.
 */
@ApplicationScoped
public class Ledger {

    /** How many of the newest scores a reputation shows. */
    public static final int RECENT = 20;
    /** A name (2-32 of these) or an id (a UUID, 36 of them). */
    private static final String ID_OR_NAME = "[A-Za-z0-9_-]{1,36}";

    @PersistenceContext
    EntityManager em;

    /**
     * The agent with this id or name (any case); else 404 {@code agent_not_found}. What can be
     * neither (a NUL, a thousand characters) is not looked up at all.
     */
    public Agent agent(String idOrName, LockModeType lock) {
        String key = idOrName == null ? "" : idOrName.strip();
        if (!key.matches(ID_OR_NAME)) {
            throw notFound();
        }
        return Optional.ofNullable(key.length() == 36 ? em.find(Agent.class, key, lock) : null)
                .or(() -> em.createNamedQuery(Agent.BY_NAME_KEYS, Agent.class)
                        .setParameter("nameKeys", List.of(key.toLowerCase(Locale.ROOT)))
                        .setLockMode(lock)
                        .getResultStream()
                        .findFirst())
                .orElseThrow(Ledger::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(404, "agent_not_found", "There is no agent with this id or name");
    }

    public Reputation.Tally tally(String agentId) {
        long up = 0;
        long down = 0;
        for (Object[] row : em.createNamedQuery(Score.COUNTS, Object[].class).setParameter("agentId", agentId).getResultList()) {
            long count = ((Number) row[1]).longValue();
            if (((Number) row[0]).intValue() > 0) {
                up += count;
            } else {
                down += count;
            }
        }
        return Reputation.Tally.of(up, down);
    }

    public Reputation reputation(Agent agent) {
        List<Reputation.Given> recent = em.createNamedQuery(Score.RECENT, Object[].class)
                .setParameter("agentId", agent.id())
                .setMaxResults(RECENT)
                .getResultStream()
                .map(row -> {
                    Score score = (Score) row[0];
                    return new Reputation.Given((String) row[1], score.score(), score.reason(), Text.timestamp(score.scoredAt()));
                })
                .toList();
        return new Reputation(new Reputation.Named(agent.id(), agent.name()), tally(agent.id()), recent);
    }

    /** Counts the agent's reputation again and keeps it on its row, which the caller holds locked. */
    public void recount(Agent locked) {
        locked.keepReputation(Math.toIntExact(tally(locked.id()).score()));
    }

    /** The ids of the agents {@code agentId} scored, in the order their rows are to be locked. */
    public List<String> scoredBy(String agentId) {
        return em.createNamedQuery(Score.TARGETS_OF, String.class).setParameter("agentId", agentId).getResultList();
    }
}
