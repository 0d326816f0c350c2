package ai.chatr.moltbook.control;

import ai.chatr.agents.control.Keys;
import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.http.ApiException;
import ai.chatr.moltbook.entity.PendingCode;
import ai.chatr.moltbook.entity.PendingCode.OpenCode;
import ai.chatr.moltbook.entity.Recovered;
import ai.chatr.moltbook.entity.RecoveryCode;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The stored side of recovering a key: issuing codes per Moltbook name and client address, finding the
 * open one, and giving the linked agent its new key. Moltbook is never called while a transaction is open.
 * Whether a name is linked to an agent shows only once its proof succeeded.
 */
@ApplicationScoped
@Transactional
public class RecoveryCodes {

    static final String FLOW = "/api/keys/recover";

    @PersistenceContext
    EntityManager em;

    @Inject
    PendingCodes verifications;

    @Inject
    RateLimiter limiter;

    @Inject
    Keys keys;

    private final SecureRandom random = new SecureRandom();

    /** The open code of this name for this address, or a new one; a start counts against {@code limit} per address. */
    public OpenCode issue(String moltbookName, String clientAddress, Limit limit) {
        limiter.acquireForTransaction("recoveries:" + clientAddress, limit);
        Instant now = now();
        Duration codeTtl = verifications.codeTtl();
        em.createNamedQuery(RecoveryCode.EXPIRED).setParameter("now", now).executeUpdate();
        RecoveryCode recovery = em.find(RecoveryCode.class, RecoveryCode.idOf(moltbookName, clientAddress));
        if (recovery == null) {
            recovery = new RecoveryCode(moltbookName, clientAddress, PendingCode.newCode(random), now.plus(codeTtl));
            em.persist(recovery);
        } else if (!recovery.isOpen(now)) {
            recovery.reissue(PendingCode.newCode(random), now.plus(codeTtl));
        }
        return recovery.open();
    }

    /** The open code of this name for this address; 400 {@code verification_not_started} when there is none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OpenCode open(String moltbookName, String clientAddress) {
        RecoveryCode recovery = em.find(RecoveryCode.class, RecoveryCode.idOf(moltbookName, clientAddress));
        if (recovery == null || !recovery.isOpen(now())) {
            throw notStarted();
        }
        return recovery.open();
    }

    /**
     * Moltbook vouched for {@code code}: the agent linked to its name gets a new key, every older key ends,
     * and the code is spent. Checked again under locks, since the code may have expired or been used
     * meanwhile. A name no agent is linked to is refused as a proof that failed.
     */
    public Recovered confirm(String clientAddress, OpenCode code) {
        RecoveryCode recovery = em.find(RecoveryCode.class, RecoveryCode.idOf(code.moltbookName(), clientAddress),
                LockModeType.PESSIMISTIC_WRITE);
        if (recovery == null || !recovery.isOpen(now()) || !recovery.open().code().equals(code.code())) {
            throw notStarted();
        }
        Agent agent = em.createNamedQuery(Agent.BY_MOLTBOOK_NAME, Agent.class)
                .setParameter("moltbookName", code.moltbookName())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> Verification.postNotFound(code, FLOW));
        em.remove(recovery);
        String apiKey = keys.replace(agent);
        return new Recovered(true, apiKey, AgentView.of(agent, agent.lastSeen()));
    }

    private static ApiException notStarted() {
        return ApiException.badRequest("verification_not_started",
                "No recovery started for this Moltbook name. Call POST " + FLOW + "/start first");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
