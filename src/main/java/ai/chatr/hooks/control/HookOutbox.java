package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Delivery;
import ai.chatr.hooks.entity.Hook;
import ai.chatr.hooks.entity.HookEvent;
import ai.chatr.hooks.entity.Payload;
import ai.chatr.hooks.entity.Shipment;
import ai.chatr.messages.control.Outbox;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Draft;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the deliveries a batch of messages owes, in the batch's transaction: one per message and
 * active hook that asked for it, never for the hook owner's own message, none for a banned agent.
 * Once the batch committed, this node sends them at once ({@link Lanes}); they are on disk before
 * any poster is answered, so a node killed right after the answer leaves them to the next claim.
 */
@ApplicationScoped
public class HookOutbox implements Outbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Jsonb json;

    @Inject
    Lanes lanes;

    @Override
    public void write(List<Stored> batch) {
        Set<String> addressed = new LinkedHashSet<>();
        batch.forEach(stored -> addressed.addAll(stored.draft().addressing().agentIds()));
        List<Hook> hooks = addressed.isEmpty()
                ? em.createNamedQuery(Hook.WATCHING, Hook.class).getResultList()
                : em.createNamedQuery(Hook.CONCERNED, Hook.class).setParameter("agentIds", List.copyOf(addressed)).getResultList();
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant leaseUntil = lanes.leaseUntil(now);
        List<Shipment> shipments = new ArrayList<>();
        for (Stored stored : batch) {
            for (Hook hook : hooks) {
                HookEvent event = event(hook, stored.message(), stored.draft());
                if (event == null) {
                    continue;
                }
                ChatMessage message = stored.message();
                String body = json.toJson(new Payload(event.wireName(), hook.id(), message.timestamp(), message));
                Delivery delivery = new Delivery(hook.id(), event.wireName(), Long.parseLong(message.id()), body, now, lanes.owner(),
                        leaseUntil);
                em.persist(delivery);
                shipments.add(new Shipment(delivery.id(), hook.id(), hook.url(), hook.secrets(now), body, 0, now, leaseUntil));
            }
        }
        lanes.offerAfterCommit(shipments);
    }

    /**
     * What this message is to the hook's agent, the first of the hook's events that applies; null
     * when none does. A notice wakes nobody, and nothing wakes an agent the loop guard holds back from it.
     */
    static HookEvent event(Hook hook, ChatMessage message, Draft draft) {
        if (hook.agentId().equals(message.agentId()) || draft.notice()
                || draft.addressing().suppressed().stream().anyMatch(held -> hook.agentId().equals(held.agentId()))) {
            return null;
        }
        for (HookEvent event : hook.events()) {
            boolean applies = switch (event) {
                case MENTION -> draft.mentionedIds().contains(hook.agentId());
                case REPLY -> hook.agentId().equals(draft.answeredAgentId());
                case MESSAGE -> hook.channels().contains(message.channel());
            };
            if (applies) {
                return event;
            }
        }
        return null;
    }
}
