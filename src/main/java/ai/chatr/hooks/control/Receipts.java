package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Answer;
import ai.chatr.hooks.entity.Delivery;
import ai.chatr.hooks.entity.Hook;
import ai.chatr.hooks.entity.Shipment;
import ai.chatr.storage.control.BatchWriter;
import ai.chatr.storage.entity.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Writes down what became of each attempt, many at a time: one writer thread per node stores the
 * answers that arrived since its last transaction in one. A 2xx delivers; 410 fails the delivery and
 * disables the hook ({@code gone}); anything else is tried again after the next step of
 * {@code chatr.hooks.retry-schedule}, or later when the receiver's {@code Retry-After} asks for more,
 * and after the last step the delivery failed, which, {@code chatr.hooks.disable-after} times in a
 * row, disables the hook ({@code failing}). An answer that could not be written is sent again once
 * its lease ends: deliveries are at least once.
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class.getName());
    private static final int MOST_AT_ONCE = 500;
    /** The longest a receiver's {@code Retry-After} may push an attempt back. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chatr.hooks.retry-schedule", defaultValue = "PT10S,PT1M,PT5M,PT30M,PT2H,PT8H")
    String retrySchedule;

    @Inject
    @ConfigProperty(name = "chatr.hooks.disable-after", defaultValue = "10")
    int disableAfter;

    /**
     * {@code chatr_hook_deliveries_total{outcome}} (delivered, retrying, failed, gone) and
     * {@code chatr_hook_delivery_latency}: from the message's commit to the receiver's 2xx.
     */
    @Inject
    MetricRegistry metrics;

    /** To drop what still waits in this node for a hook that was just disabled. */
    @Inject
    Lanes lanes;

    private List<Duration> schedule;
    private volatile BatchWriter<Receipt> writer;

    private record Receipt(Shipment shipment, Answer answer, Instant at) {
    }

    void start(@Observes DatabaseReady ready) {
        schedule = Arrays.stream(retrySchedule.split(",")).map(String::strip).filter(step -> !step.isEmpty()).map(Duration::parse).toList();
        writer = new BatchWriter<>(threads, "chatr-hook-receipts", 100_000, MOST_AT_ONCE, this::store,
                (batch, failed) -> LOG.log(Level.WARNING, batch.size() + " hook answers could not be written; those deliveries will be sent again", failed));
    }

    /** What came back for one attempt; written soon after, on the writer thread. */
    public void record(Shipment shipment, Answer answer) {
        BatchWriter<Receipt> writer = this.writer;
        if (writer == null || !writer.offer(new Receipt(shipment, answer, Instant.now().truncatedTo(ChronoUnit.MILLIS)))) {
            LOG.warning("Too many hook answers waiting to be written; delivery " + shipment.deliveryId() + " will be sent again");
        }
    }

    private void store(List<Receipt> batch) throws Exception {
        Map<Integer, List<String>> deliveredByStatus = new LinkedHashMap<>();
        List<String> deliveringHooks = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        transaction.begin();
        try {
            for (Receipt receipt : batch) {
                if (receipt.answer().successful()) {
                    deliveredByStatus.computeIfAbsent(receipt.answer().status(), status -> new ArrayList<>()).add(receipt.shipment().deliveryId());
                    deliveringHooks.add(receipt.shipment().hookId());
                } else {
                    failed(receipt).ifPresent(disabled::add);
                }
            }
            deliveredByStatus.forEach((status, ids) -> chunks(ids).forEach(some -> em.createNamedQuery(Delivery.DELIVERED)
                    .setParameter("code", status)
                    .setParameter("now", batch.get(batch.size() - 1).at())
                    .setParameter("ids", some)
                    .executeUpdate()));
            chunks(deliveringHooks.stream().distinct().toList()).forEach(some -> em.createNamedQuery(Hook.DELIVERED_TO)
                    .setParameter("ids", some)
                    .executeUpdate());
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
        disabled.forEach(lanes::forget);
        for (Receipt receipt : batch) {
            if (receipt.answer().successful()) {
                metrics.counter("chatr_hook_deliveries", new Tag("outcome", "delivered")).inc();
                metrics.timer("chatr_hook_delivery_latency").update(Duration.between(receipt.shipment().createdAt(), receipt.at()));
            }
        }
    }

    /**
     * Anything but a 2xx: a 410 ends the hook; anything else waits for the next step, or fails for
     * good. Answers the id of the hook when this disabled it.
     */
    private Optional<String> failed(Receipt receipt) {
        Delivery delivery = em.find(Delivery.class, receipt.shipment().deliveryId());
        if (delivery == null || !Delivery.PENDING.equals(delivery.status())) {
            return Optional.empty(); // its hook was deleted meanwhile, or its owner retried it
        }
        Answer answer = receipt.answer();
        Integer status = answer.status() == 0 ? null : answer.status();
        Hook hook = em.find(Hook.class, delivery.hookId());
        if (answer.status() == 410) {
            delivery.failed(status, answer.describe(), null);
            count("gone");
            if (hook != null) {
                hook.disable(Hook.GONE);
                return Optional.of(hook.id());
            }
            return Optional.empty();
        }
        Instant next = next(delivery.step(), answer.retryAfter(), receipt.at());
        delivery.failed(status, answer.describe(), next);
        if (next != null) {
            count("retrying");
            return Optional.empty();
        }
        count("failed");
        if (hook != null && hook.failedOnce() >= disableAfter) {
            hook.disable(Hook.FAILING);
            return Optional.of(hook.id());
        }
        return Optional.empty();
    }

    /** When to try again after a failure at this step of the schedule; null after its last step. */
    private Instant next(int step, Duration retryAfter, Instant now) {
        if (step >= schedule.size()) {
            return null;
        }
        Duration wait = schedule.get(step);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        return now.plus(wait);
    }

    private void count(String outcome) {
        metrics.counter("chatr_hook_deliveries", new Tag("outcome", outcome)).inc();
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MOST_AT_ONCE) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MOST_AT_ONCE)));
        }
        return chunks;
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }
}
