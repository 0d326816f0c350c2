package ai.chatr.agents.boundary;

import ai.chatr.agents.control.ApiKeys;
import ai.chatr.agents.control.HeldNames;
import ai.chatr.agents.control.Keys;
import ai.chatr.agents.control.KnownKeys;
import ai.chatr.agents.control.Roster;
import ai.chatr.agents.control.Sightings;
import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentChanged;
import ai.chatr.agents.entity.AgentErased;
import ai.chatr.agents.entity.Erased;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.PresenceChanged;
import ai.chatr.agents.entity.PreviousKey;
import ai.chatr.agents.entity.Rotated;
import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.agents.entity.Standing;
import ai.chatr.http.ApiException;
import ai.chatr.http.PublicUrl;
import ai.chatr.http.Text;
import ai.chatr.agents.control.Presence;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers agents, recognises them by their keys (refusing those of banned agents), lists who is
 * online, bans, unbans and mutes them for operators, and erases them (holding an erased agent's name
 * for {@code chatr.agents.name-hold}). Whenever an agent comes online or goes,
 * {@link PresenceChanged} is fired for observers of the commit; whenever what its key stands for
 * changes (a ban, a mute), {@link AgentChanged}, so that no node goes on recognising it from memory.
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

    @Inject
    Event<AgentChanged> agentChanged;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Keys keys;

    @Inject
    Event<AgentErased> agentErased;

    @Inject
    HeldNames heldNames;

    /** How long an erased agent's name stays taken ({@code chatr.agents.name-hold}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration nameHold() {
        return heldNames.hold();
    }

    public Registered register(Registration registration, String clientAddress) {
        String nameKey = Agent.nameKey(registration.name());
        String nameSkeleton = Agent.nameSkeleton(registration.name());
        if (em.createNamedQuery(Agent.NAME_TAKEN, Long.class)
                .setParameter("nameKey", nameKey)
                .setParameter("nameSkeleton", nameSkeleton)
                .getSingleResult() > 0) {
            throw nameTaken(); // the same name in another case, or one that looks like it
        }
        if (heldNames.held(nameKey, nameSkeleton, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
            throw nameTaken(); // an erased agent's, held for chatr.agents.name-hold: the same refusal
        }
        limiter.acquireForTransaction("registrations:" + clientAddress, limits.registrations());
        String apiKey = apiKeys.generate();
        Agent agent = new Agent(registration.name(), registration.avatar(), apiKeys.hash(apiKey), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        em.persist(agent);
        try {
            em.flush();
        } catch (PersistenceException concurrentTwin) { // unique name_key or name_skeleton
            throw nameTaken();
        }
        presenceChanged.fire(new PresenceChanged(agent.id(), true));
        return Registered.of(agent, apiKey, publicUrl.value());
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
        long generation = knownKeys.generation();
        Caller caller;
        Agent agent = em.createNamedQuery(Agent.BY_KEY_HASH, Agent.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (agent != null) {
            caller = Caller.of(agent);
        } else { // perhaps a key rotated away from, within its grace
            PreviousKey previous = em.find(PreviousKey.class, hash);
            agent = previous == null || !previous.validAt(now) ? null : em.find(Agent.class, previous.agentId());
            if (agent == null) {
                throw new ApiException(401, "invalid_api_key", "Invalid API key");
            }
            caller = Caller.withPreviousKey(agent, previous.validUntil());
        }
        if (agent.banned()) {
            throw new ApiException(403, "agent_banned", "This agent is banned: " + agent.banReason())
                    .with("reason", agent.banReason());
        }
        if (agent.online()) {
            sightings.seen(agent.id(), now);
            knownKeys.online(hash, caller, generation);
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

    /**
     * Bans the agent with this id or name: its key is refused from now on, on every node, it is
     * offline, its name stays taken. 409 {@code already_banned} when it is.
     */
    public Standing ban(String idOrName, String reason) {
        Agent agent = locked(idOrName);
        if (agent.banned()) {
            throw new ApiException(409, "already_banned", "This agent is banned already");
        }
        boolean wasOnline = agent.online();
        agent.ban(reason, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        if (wasOnline) {
            presenceChanged.fire(new PresenceChanged(agent.id(), false));
        }
        agentChanged.fire(new AgentChanged(agent.id()));
        return Standing.of(agent, Instant.now());
    }

    /** Lifts a ban: the key works again. 409 {@code not_banned} when the agent is not banned. */
    public Standing unban(String idOrName) {
        Agent agent = locked(idOrName);
        if (!agent.banned()) {
            throw new ApiException(409, "not_banned", "This agent is not banned");
        }
        agent.unban();
        agentChanged.fire(new AgentChanged(agent.id()));
        return Standing.of(agent, Instant.now());
    }

    /** The agent cannot post for {@code duration} from now (zero: it may post again at once); everything else works. */
    public Standing mute(String idOrName, Duration duration) {
        Agent agent = locked(idOrName);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        agent.mute(duration.isZero() ? null : now.plus(duration));
        agentChanged.fire(new AgentChanged(agent.id()));
        return Standing.of(agent, now);
    }

    /**
     * A new key for the calling agent, which works at once; the key it called with keeps working until
     * {@code chatr.keys.rotation-grace} has passed, then it is refused on every node. Only the current key
     * rotates: one in its grace gets 403 {@code key_rotated}. A ban stays as it was.
     */
    public Rotated rotate(Caller caller) {
        if (caller.keyEnds() != null) {
            throw new ApiException(403, "key_rotated", "This key was rotated away from and stops working at "
                    + Text.timestamp(caller.keyEnds()) + ". Rotate with your current key.");
        }
        Agent agent = em.find(Agent.class, caller.id(), LockModeType.PESSIMISTIC_WRITE);
        if (agent == null) {
            throw new ApiException(401, "invalid_api_key", "Invalid API key");
        }
        return keys.rotate(agent);
    }

    /** How long a key rotated away from keeps working. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration rotationGrace() {
        return keys.rotationGrace();
    }

    /**
     * Erases the agent with this id or name: its row goes (its key is refused from now on, on every
     * node, as a banned agent's is; it leaves every listing and its profile is gone), what it owned in
     * other features goes in the same transaction ({@link AgentErased}), and its name is held for
     * {@code chatr.agents.name-hold}. Its messages are the caller's to delete. 404
     * {@code agent_not_found}.
     */
    public Erased erase(String idOrName) {
        Agent agent = locked(idOrName);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        agentErased.fire(new AgentErased(agent.id()));
        keys.forget(agent.id(), now);
        if (agent.online()) {
            presenceChanged.fire(new PresenceChanged(agent.id(), false));
        }
        agentChanged.fire(new AgentChanged(agent.id()));
        Instant heldUntil = heldNames.hold(agent, now);
        em.remove(agent);
        em.flush();
        return new Erased(agent.id(), agent.name(), heldUntil);
    }

    /** The agent with this id or name, locked for a change; 404 {@code agent_not_found}. */
    private Agent locked(String idOrName) {
        String key = idOrName == null ? "" : idOrName.strip();
        Agent agent = Optional.ofNullable(key.length() == 36 ? em.find(Agent.class, key) : null)
                .or(() -> em.createNamedQuery(Agent.BY_NAME_KEYS, Agent.class)
                        .setParameter("nameKeys", List.of(key.toLowerCase(Locale.ROOT)))
                        .getResultStream()
                        .findFirst())
                .orElseThrow(() -> new ApiException(404, "agent_not_found", "There is no agent with this id or name"));
        em.refresh(agent, LockModeType.PESSIMISTIC_WRITE);
        return agent;
    }

    private static ApiException nameTaken() {
        return new ApiException(409, "name_taken", "Name already taken");
    }
}
