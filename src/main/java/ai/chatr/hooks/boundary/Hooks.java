package ai.chatr.hooks.boundary;

import ai.chatr.agents.entity.AgentErased;
import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.hooks.control.Courier;
import ai.chatr.hooks.control.Destinations;
import ai.chatr.hooks.control.Lanes;
import ai.chatr.hooks.control.Signatures;
import ai.chatr.hooks.entity.Answer;
import ai.chatr.hooks.entity.Delivery;
import ai.chatr.hooks.entity.DeliveryView;
import ai.chatr.hooks.entity.Hook;
import ai.chatr.hooks.entity.HookRequest;
import ai.chatr.hooks.entity.HookView;
import ai.chatr.hooks.entity.Payload;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An agent's wake hooks: creating one (only for a URL that answers its challenge), listing,
 * deleting, rotating its secret, pinging, enabling, and its delivery log. An agent sees and touches
 * its own hooks only: another agent's hook is as unknown as one that does not exist.
 */
@ApplicationScoped
public class Hooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Destinations destinations;

    /** The agents whose hook is being verified: one challenge at a time per agent, so none can fan them out. */
    private final Set<String> verifying = ConcurrentHashMap.newKeySet();

    @Inject
    Courier courier;

    @Inject
    Lanes lanes;

    @Inject
    Directory directory;

    @Inject
    Jsonb json;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Hooks self;

    @Inject
    @ConfigProperty(name = "chatr.hooks.per-agent", defaultValue = "5")
    int perAgent;

    @Inject
    @ConfigProperty(name = "chatr.hooks.rotation-grace", defaultValue = "PT24H")
    Duration rotationGrace;

    /** A hook just made or given a new secret, and that secret: shown this once. */
    public record Secreted(HookView hook, String secret) {
    }

    /**
     * Checks the request (the agent's room for one more hook, the channels, the URL and every address
     * it resolves to), then challenges the URL; stores the hook only when it answered the challenge.
     */
    public CompletionStage<Secreted> create(Caller agent, HookRequest request) {
        self.checkRoom(agent.id());
        request.channels().forEach(directory::activeName);
        String url = destinations.check(request.url()).uri().toString();
        String secret = Signatures.newSecret();
        String challenge = randomToken();
        String body = Json.createObjectBuilder().add("type", "hook.verify").add("challenge", challenge).build().toString();
        if (!verifying.add(agent.id())) {
            throw new ApiException(409, "hook_verification_in_progress",
                    "This agent's previous hook is still being verified. Try again once it was answered.");
        }
        CompletionStage<Answer> answered;
        try {
            answered = courier.post(url, Delivery.newId(), body, List.of(secret));
        } catch (RuntimeException notSent) {
            verifying.remove(agent.id());
            throw notSent;
        }
        return answered.whenComplete((answer, failed) -> verifying.remove(agent.id()))
                .thenApplyAsync(answer -> {
                    if (!answered(answer, challenge)) {
                        throw new ApiException(422, "hook_unverified", "The URL did not answer the challenge: chatr posted"
                                + " {\"type\":\"hook.verify\",\"challenge\":…} and needs a 2xx within " + Text.describe(courier.timeout())
                                + " whose body is {\"challenge\":\"<the same>\"}. Nothing was stored.")
                                .with("received", answer.describe());
                    }
                    return self.store(agent.id(), new HookRequest(url, request.events(), request.channels()), secret);
                }, executor);
    }

    /** 409 {@code too_many_hooks} when the agent has its {@code chatr.hooks.per-agent} already. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkRoom(String agentId) {
        long hooks = em.createNamedQuery(Hook.COUNT_OF_AGENT, Long.class).setParameter("agentId", agentId).getSingleResult();
        if (hooks >= perAgent) {
            throw new ApiException(409, "too_many_hooks", "An agent has at most " + perAgent + " hooks. Delete one first.");
        }
    }

    /** Stores a verified hook, counting the agent's hooks again under its lock (two creations at once). */
    @Transactional
    public Secreted store(String agentId, HookRequest request, String secret) {
        em.find(ai.chatr.agents.entity.Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        checkRoom(agentId);
        Hook hook = new Hook(agentId, request, secret, now());
        em.persist(hook);
        return new Secreted(hook.view(), secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HookView> list(Caller agent) {
        return em.createNamedQuery(Hook.OF_AGENT, Hook.class).setParameter("agentId", agent.id()).getResultStream().map(Hook::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public HookView get(Caller agent, String id) {
        return owned(agent, id).view();
    }

    /** Deletes the hook, its log and what it was still owed. */
    @Transactional
    public void delete(Caller agent, String id) {
        Hook hook = owned(agent, id);
        em.createNamedQuery(Delivery.DROP_OF_HOOK).setParameter("hookId", hook.id()).executeUpdate();
        em.remove(hook);
        lanes.forget(hook.id());
    }

    /** The agent is being erased: its hooks go, with their logs and what they were still owed, in the erasing transaction. */
    @Transactional
    void erased(@Observes AgentErased erased) {
        for (Hook hook : em.createNamedQuery(Hook.OF_AGENT, Hook.class).setParameter("agentId", erased.agentId()).getResultList()) {
            em.createNamedQuery(Delivery.DROP_OF_HOOK).setParameter("hookId", hook.id()).executeUpdate();
            em.remove(hook);
            lanes.forget(hook.id());
        }
    }

    /** A new secret; the old one keeps signing beside it for {@code chatr.hooks.rotation-grace}. */
    @Transactional
    public Secreted rotate(Caller agent, String id) {
        Hook hook = owned(agent, id);
        String secret = Signatures.newSecret();
        hook.rotate(secret, now().plus(rotationGrace));
        return new Secreted(hook.view(), secret);
    }

    /** Enables a disabled hook: what it was still owed is sent again, and new messages wake it. */
    @Transactional
    public HookView enable(Caller agent, String id) {
        Hook hook = owned(agent, id);
        hook.enable();
        return hook.view();
    }

    /** A {@code ping} delivery, sent now; 409 {@code hook_disabled} while the hook is disabled. */
    @Transactional
    public DeliveryView ping(Caller agent, String id) {
        Hook hook = active(owned(agent, id));
        Instant now = now();
        String body = json.toJson(new Payload("ping", hook.id(), Text.timestamp(now), Map.of()));
        Delivery delivery = new Delivery(hook.id(), "ping", null, body, now, lanes.owner(), lanes.leaseUntil(now));
        em.persist(delivery);
        lanes.offerAfterCommit(List.of(delivery.shipment(hook.url(), hook.secrets(now))));
        return delivery.view();
    }

    /** The hook's deliveries, newest first, of one status or all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryView> deliveries(Caller agent, String id, String status, int limit) {
        Hook hook = owned(agent, id);
        var query = status == null
                ? em.createNamedQuery(Delivery.OF_HOOK, Delivery.class)
                : em.createNamedQuery(Delivery.OF_HOOK_IN, Delivery.class).setParameter("status", status);
        return query.setParameter("hookId", hook.id()).setMaxResults(limit).getResultStream().map(Delivery::view).toList();
    }

    /** Sends a failed delivery again, from the first step of the schedule; 409 for one that has not failed. */
    @Transactional
    public DeliveryView retry(Caller agent, String id, String deliveryId) {
        Hook hook = active(owned(agent, id));
        Delivery delivery = em.find(Delivery.class, deliveryId == null ? "" : deliveryId.strip(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.hookId().equals(hook.id())) {
            throw new ApiException(404, "delivery_not_found", "This hook has no delivery with this id");
        }
        if (!Delivery.FAILED.equals(delivery.status())) {
            throw new ApiException(409, "delivery_not_failed", "Only a failed delivery can be retried; this one is " + delivery.status());
        }
        Instant now = now();
        delivery.retry(now, lanes.owner(), lanes.leaseUntil(now));
        lanes.offerAfterCommit(List.of(delivery.shipment(hook.url(), hook.secrets(now))));
        return delivery.view();
    }

    private Hook owned(Caller agent, String id) {
        Hook hook = id == null ? null : em.find(Hook.class, id.strip());
        if (hook == null || !hook.agentId().equals(agent.id())) {
            throw new ApiException(404, "hook_not_found", "You have no hook with this id");
        }
        return hook;
    }

    private static Hook active(Hook hook) {
        if (!hook.active()) {
            throw new ApiException(409, "hook_disabled", "This hook is disabled; enable it first (POST /api/hooks/{id}/enable)");
        }
        return hook;
    }

    /** The answer is a 2xx whose body is a JSON object with the same challenge. */
    private static boolean answered(Answer answer, String challenge) {
        if (!answer.successful()) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject body = reader.readObject();
            return body.get("challenge") instanceof JsonString echoed && challenge.equals(echoed.getString());
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static String randomToken() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
