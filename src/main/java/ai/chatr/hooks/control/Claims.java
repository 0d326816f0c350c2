package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Delivery;
import ai.chatr.hooks.entity.Hook;
import ai.chatr.hooks.entity.Shipment;
import ai.chatr.messages.entity.MessagesDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes deliveries that are due and that no node holds: retries whose time came, and those a node
 * left when it died (its lease ended). A delivery is taken by one node only: the lease is set by an
 * update that only one node's can match.
 */
@ApplicationScoped
public class Claims {

    private static final int MOST_AT_ONCE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Lanes lanes;

    /** At most {@code most} due deliveries, oldest due first, leased to this node. */
    @Transactional
    public List<Shipment> claim(int most) {
        if (most <= 0) {
            return List.of();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> due = em.createNamedQuery(Delivery.DUE, String.class).setParameter("now", now).setMaxResults(most).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Instant until = lanes.leaseUntil(now);
        List<String> taken = new ArrayList<>();
        for (String id : due) {
            int claimed = em.createNamedQuery(Delivery.CLAIM)
                    .setParameter("owner", lanes.owner())
                    .setParameter("until", until)
                    .setParameter("now", now)
                    .setParameter("id", id)
                    .executeUpdate();
            if (claimed == 1) {
                taken.add(id);
            }
        }
        if (taken.isEmpty()) {
            return List.of();
        }
        em.clear(); // the updates went around the persistence context
        List<Shipment> shipments = new ArrayList<>(taken.size());
        for (Object[] row : em.createNamedQuery(Delivery.WITH_HOOKS, Object[].class).setParameter("ids", taken).getResultList()) {
            Delivery delivery = (Delivery) row[0];
            Hook hook = (Hook) row[1];
            shipments.add(delivery.shipment(hook.url(), hook.secrets(now)));
        }
        return shipments;
    }

    /** A message deleted before it was delivered is not sent: its pending deliveries go with it, in the deleting transaction. */
    void deleted(@Observes MessagesDeleted deleted) {
        List<Long> ids = deleted.ids();
        for (int from = 0; from < ids.size(); from += MOST_AT_ONCE) {
            em.createNamedQuery(Delivery.DROP_PENDING_ABOUT).setParameter("messageIds", ids.subList(from, Math.min(ids.size(), from + MOST_AT_ONCE)))
                    .executeUpdate();
        }
    }

    /** How many deliveries wait to be delivered, on every node. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long pending() {
        return em.createNamedQuery(Delivery.PENDING_COUNT, Long.class).getSingleResult();
    }

    /** Forgets delivered and failed deliveries made before {@code before}; answers how many. */
    @Transactional
    public int expire(Instant before) {
        return em.createNamedQuery(Delivery.EXPIRED).setParameter("before", before).executeUpdate();
    }
}
