package ai.chatr.agents.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentChanged;
import ai.chatr.agents.entity.PreviousKey;
import ai.chatr.agents.entity.Rotated;
import ai.chatr.http.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives an agent a new key, in the transaction of the caller, who holds the agent's row locked. A
 * rotation keeps the key before for {@code chatr.keys.rotation-grace} (10 minutes) as its one
 * {@link PreviousKey}; a replacement (a recovery) ends every older key at once. Either way the agent
 * has changed ({@link AgentChanged}), so that no node goes on recognising an old key from memory.
 */
@ApplicationScoped
public class Keys {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Event<AgentChanged> agentChanged;

    @Inject
    @ConfigProperty(name = "chatr.keys.rotation-grace", defaultValue = "PT10M")
    Duration rotationGrace;

    /** A new key for {@code agent}; its current one works until the answer's {@code previousKeyValidUntil}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rotated rotate(Agent agent) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant previousUntil = now.plus(rotationGrace());
        String previousHash = agent.keyHash();
        String apiKey = renew(agent, now);
        if (previousUntil.isAfter(now)) {
            em.persist(new PreviousKey(previousHash, agent.id(), previousUntil));
        }
        return new Rotated(true, apiKey, Text.timestamp(previousUntil));
    }

    /** A new key for {@code agent}; every older key is refused from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String replace(Agent agent) {
        return renew(agent, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** How long a rotated-away key keeps working ({@code chatr.keys.rotation-grace}). */
    public Duration rotationGrace() {
        return rotationGrace.isNegative() ? Duration.ZERO : rotationGrace;
    }

    /** Ends the agent's previous key at once (and forgets every previous key that has ended). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String agentId, Instant now) {
        em.createNamedQuery(PreviousKey.FORGET)
                .setParameter("agentId", agentId)
                .setParameter("now", now)
                .executeUpdate();
        em.flush();
    }

    private String renew(Agent agent, Instant now) {
        forget(agent.id(), now);
        String apiKey = apiKeys.generate();
        agent.replaceKey(apiKeys.hash(apiKey));
        agentChanged.fire(new AgentChanged(agent.id()));
        return apiKey;
    }
}
