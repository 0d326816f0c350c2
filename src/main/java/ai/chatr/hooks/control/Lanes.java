package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Shipment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's deliveries on their way, fairly: at most {@code chatr.hooks.senders} requests open at
 * once, at most {@value #PER_HOOK} to one hook, the hooks with waiting deliveries taking turns. A
 * receiver that hangs holds its own lane only. Nothing here blocks: a request is started, and its
 * answer, whenever it comes, frees the place for the next.
 *
 * <p>Every delivery is leased to the node sending it ({@link #owner()}, for {@code chatr.hooks.lease});
 * one that waited here until its lease nearly ran out is left for the next claim instead of being
 * sent, so that no two nodes send it at once.
 */
@ApplicationScoped
public class Lanes {

    private static final Logger LOG = Logger.getLogger(Lanes.class.getName());

    static final int PER_HOOK = 2;

    @Inject
    Courier courier;

    @Inject
    Receipts receipts;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** How long a node holds a delivery it sends; after it, another node may send it. */
    @Inject
    @ConfigProperty(name = "chatr.hooks.lease", defaultValue = "PT30S")
    Duration lease;

    /** Deliveries that may wait here for a free place; beyond, they wait in the database for a later claim. */
    @Inject
    @ConfigProperty(name = "chatr.hooks.backlog", defaultValue = "10000")
    int backlog;

    private final String owner = UUID.randomUUID().toString();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> turns = new ArrayDeque<>();
    private int open;
    private int waiting;

    /** One hook's deliveries: those waiting, and how many are being sent. */
    private static final class Lane {
        final String hookId;
        final ArrayDeque<Shipment> waiting = new ArrayDeque<>();
        int open;
        boolean queued;

        Lane(String hookId) {
            this.hookId = hookId;
        }
    }

    /** A lease shorter than a request's timeout would let no delivery leave: it is stretched, and said so. */
    @PostConstruct
    void checkLease() {
        if (lease.compareTo(courier.timeout()) <= 0) {
            Duration stretched = courier.timeout().multipliedBy(2);
            LOG.warning("chatr.hooks.lease (" + lease + ") must be longer than chatr.hooks.timeout (" + courier.timeout() + "); using "
                    + stretched);
            lease = stretched;
        }
    }

    /** This node, as the owner of the leases it takes. */
    public String owner() {
        return owner;
    }

    /** Until when a lease taken now lasts. */
    public Instant leaseUntil(Instant now) {
        return now.plus(lease);
    }

    /** How many more deliveries may be handed over now. */
    public synchronized int room() {
        return Math.max(0, backlog - waiting);
    }

    /** Hands these over once the current transaction committed (and drops them if it rolls back). */
    public void offerAfterCommit(List<Shipment> shipments) {
        if (shipments.isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    offer(shipments);
                }
            }
        });
    }

    /** Queues these to be sent; those beyond the backlog stay in the database for a later claim. */
    public void offer(List<Shipment> shipments) {
        synchronized (this) {
            for (Shipment shipment : shipments) {
                if (waiting >= backlog) {
                    break;
                }
                Lane lane = lanes.computeIfAbsent(shipment.hookId(), Lane::new);
                lane.waiting.add(shipment);
                waiting++;
                queue(lane);
            }
        }
        pump();
    }

    /** Drops what waits for this hook (it was deleted or disabled); what is on its way finishes. */
    public synchronized void forget(String hookId) {
        Lane lane = lanes.get(hookId);
        if (lane != null) {
            waiting -= lane.waiting.size();
            lane.waiting.clear();
        }
    }

    /** Starts as many waiting deliveries as there are free places, outside the lock. */
    private void pump() {
        List<Sending> starting = new ArrayList<>();
        synchronized (this) {
            Instant latestStart = Instant.now().plus(courier.timeout());
            while (open < courier.senders() && !turns.isEmpty()) {
                Lane lane = turns.poll();
                lane.queued = false;
                Shipment next = lane.waiting.poll();
                if (next == null) {
                    continue;
                }
                waiting--;
                if (next.leaseUntil().isBefore(latestStart)) {
                    queue(lane); // its lease would end while it is sent: the next claim takes it
                    continue;
                }
                lane.open++;
                open++;
                queue(lane);
                starting.add(new Sending(lane, next));
            }
        }
        starting.forEach(this::send);
    }

    private record Sending(Lane lane, Shipment shipment) {
    }

    private void send(Sending sending) {
        Shipment shipment = sending.shipment();
        courier.post(shipment.url(), shipment.deliveryId(), shipment.body(), shipment.secrets()).thenAccept(answer -> {
            done(sending.lane());
            receipts.record(shipment, answer);
            pump();
        });
    }

    private synchronized void done(Lane lane) {
        lane.open--;
        open--;
        queue(lane);
        if (lane.open == 0 && lane.waiting.isEmpty() && !lane.queued) {
            lanes.remove(lane.hookId);
        }
    }

    /** Gives the lane a turn when it has a delivery waiting and room for one more request. */
    private void queue(Lane lane) {
        if (!lane.queued && !lane.waiting.isEmpty() && lane.open < PER_HOOK) {
            lane.queued = true;
            turns.add(lane);
        }
    }
}
