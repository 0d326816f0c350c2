package ai.chatr.moltbook.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentChanged;
import ai.chatr.http.ApiException;
import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.PendingCode;
import ai.chatr.moltbook.entity.PendingCode.OpenCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stored side of verification: issuing codes, finding the open one, and marking the agent
 * verified. Each step is one short transaction that locks the agent's row, so that concurrent
 * calls of one agent take turns; Moltbook is never called while a transaction is open.
 */
@ApplicationScoped
@Transactional
public class PendingCodes {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.code-ttl", defaultValue = "PT24H")
    Duration codeTtl;

    @Inject
    Event<AgentChanged> changed;

    private final SecureRandom random = new SecureRandom();

    /** How long a code stays open ({@code chatr.moltbook.code-ttl}), for verifications and recoveries alike. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration codeTtl() {
        return codeTtl;
    }

    /** The agent's open code for {@code moltbookName}, or a new one replacing any other. */
    public OpenCode issue(String agentId, String moltbookName) {
        lock(agentId);
        refuseIfTaken(agentId, moltbookName);
        Instant now = now();
        Instant expiry = now.plus(codeTtl);
        PendingCode pending = em.find(PendingCode.class, agentId);
        if (pending == null) {
            pending = new PendingCode(agentId, moltbookName, PendingCode.newCode(random), expiry);
            em.persist(pending);
        } else if (!pending.isOpenFor(moltbookName, now)) {
            pending.reissue(moltbookName, PendingCode.newCode(random), expiry);
        }
        return pending.open();
    }

    /** The agent's open code for {@code moltbookName}; 400 when there is none, 409 when another agent holds the name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OpenCode open(String agentId, String moltbookName) {
        PendingCode pending = em.find(PendingCode.class, agentId);
        if (pending == null || !pending.isOpenFor(moltbookName, now())) {
            throw notStarted();
        }
        refuseIfTaken(agentId, moltbookName);
        return pending.open();
    }

    /**
     * Moltbook vouched for {@code code}: the agent becomes verified and its code is spent. Checked
     * again under the lock, since the code may have expired or been replaced during the call.
     */
    public Outcome confirm(String agentId, OpenCode code, String ownerTwitter) {
        Agent agent = lock(agentId);
        if (agent.moltbookVerified()) {
            return Outcome.AlreadyVerified.as(agent.moltbookName(), agent.ownerTwitter());
        }
        PendingCode pending = em.find(PendingCode.class, agentId);
        if (pending == null || !pending.isOpenFor(code.moltbookName(), now()) || !pending.open().code().equals(code.code())) {
            throw notStarted();
        }
        refuseIfTaken(agentId, code.moltbookName());
        agent.verifyOnMoltbook(code.moltbookName(), ownerTwitter);
        changed.fire(new AgentChanged(agentId));
        em.remove(pending);
        try {
            em.flush();
        } catch (PersistenceException concurrentTwin) {
            throw taken();
        }
        return Outcome.Verified.as(code.moltbookName(), ownerTwitter);
    }

    private Agent lock(String agentId) {
        Agent agent = em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        if (agent == null) {
            throw new ApiException(401, "invalid_api_key", "Invalid API key");
        }
        return agent;
    }

    private void refuseIfTaken(String agentId, String moltbookName) {
        boolean taken = em.createNamedQuery(Agent.BY_MOLTBOOK_NAME, Agent.class)
                .setParameter("moltbookName", moltbookName)
                .getResultStream()
                .anyMatch(other -> !other.id().equals(agentId));
        if (taken) {
            throw taken();
        }
    }

    private static ApiException taken() {
        return new ApiException(409, "moltbook_name_taken",
                "This Moltbook account already verified another chatr agent");
    }

    private static ApiException notStarted() {
        return ApiException.badRequest("verification_not_started",
                "No verification started. Call POST /api/verify/start first");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
