package ai.chatr.agents.boundary;

import ai.chatr.agents.control.ApiKeys;
import ai.chatr.agents.control.KnownKeys;
import ai.chatr.agents.control.Roster;
import ai.chatr.agents.control.Sightings;
import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.PresenceChanged;
import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.http.ApiException;
import ai.chatr.presence.control.Presence;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers agents, recognises them by their keys, lists who is online. Whenever an agent comes
 * online, {@link PresenceChanged} is fired for observers of the commit.
 */
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
    Event<PresenceChanged> presenceChanged;

    @Inject
    Roster roster;

    @Inject
    Sightings sightings;

    @Inject
    KnownKeys knownKeys;

    @Inject
    Presence presence;

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
        presenceChanged.fire(new PresenceChanged(agent.id(), true));
        return Registered.of(agent, apiKey);
    }

    /**
     * The agent holding this key, seen now; 401 for a key nobody holds. An agent that was offline
     * is online again at once; for one that is online, being seen is noted in memory and written
     * with the others later ({@link Sightings}), so that a busy agent costs no write per call; and an
     * agent recognised lately is not looked up again ({@link KnownKeys}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Caller authenticate(String authorization, String apiKeyHeader) {
        return authenticate(apiKeys.presented(authorization, apiKeyHeader));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Caller authenticate(String apiKey) {
        String hash = apiKeys.hash(apiKey);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<Caller> known = knownKeys.online(hash);
        if (known.isPresent()) {
            sightings.seen(known.get().id(), now);
            return known.get();
        }
        Agent agent = em.createNamedQuery(Agent.BY_KEY_HASH, Agent.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new ApiException(401, "invalid_api_key", "Invalid API key"));
        Caller caller = Caller.of(agent);
        if (agent.online()) {
            sightings.seen(agent.id(), now);
            knownKeys.online(hash, caller);
        } else {
            presence.connect(agent.id(), now);
        }
        return caller;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgentView> online() {
        return roster.online();
    }

    /** The agent with this id, as {@code GET /api/agents} would list it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AgentView> find(String id) {
        return roster.find(id);
    }

    /** The agent with this name (in any case). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AgentView> named(String name) {
        return em.createNamedQuery(Agent.BY_NAME_KEYS, Agent.class)
                .setParameter("nameKeys", List.of(name.toLowerCase(Locale.ROOT)))
                .getResultStream()
                .findFirst()
                .flatMap(agent -> roster.find(agent.id()));
    }

    private static ApiException nameTaken() {
        return new ApiException(409, "name_taken", "Name already taken");
    }
}
