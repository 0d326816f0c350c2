package ai.chatr.agents.boundary;

import ai.chatr.agents.control.ApiKeys;
import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.http.ApiException;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Registers agents, recognises them by their keys, lists who is online. */
@ApplicationScoped
@Transactional
public class Agents {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApiKeys apiKeys;

    @Inject
    RateLimiter limiter;

    @Inject
    Limits limits;

    @Inject
    @ConfigProperty(name = "chatr.agents.max-listed", defaultValue = "200")
    int maxListed;

    public Registered register(Registration registration, String clientAddress) {
        String nameKey = Agent.nameKey(registration.name());
        if (em.createNamedQuery(Agent.BY_NAME_KEY, Long.class).setParameter("nameKey", nameKey).getSingleResult() > 0) {
            throw nameTaken();
        }
        limiter.acquireForTransaction("registrations:" + clientAddress, limits.registrations());
        String apiKey = apiKeys.generate();
        Agent agent = new Agent(registration.name(), registration.avatar(), apiKeys.hash(apiKey), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        em.persist(agent);
        try {
            em.flush();
        } catch (PersistenceException concurrentTwin) {
            throw nameTaken();
        }
        return Registered.of(agent, apiKey);
    }

    /** The agent holding this key, marked as seen now; 401 for a key nobody holds. */
    public Caller authenticate(String apiKey) {
        Agent agent = em.createNamedQuery(Agent.BY_KEY_HASH, Agent.class)
                .setParameter("hash", apiKeys.hash(apiKey))
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new ApiException(401, "invalid_api_key", "Invalid API key"));
        agent.seen(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Caller.of(agent);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgentView> online() {
        return em.createNamedQuery(Agent.ONLINE, Agent.class)
                .setParameter("online", true)
                .setMaxResults(maxListed)
                .getResultStream()
                .map(AgentView::of)
                .toList();
    }

    private static ApiException nameTaken() {
        return new ApiException(409, "name_taken", "Name already taken");
    }
}
