package ai.chatr.hooks.entity;

import ai.chatr.agents.entity.InstantMillis;
import ai.chatr.http.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One thing a hook is owed: written in the transaction that stored the message it is about (an
 * outbox), with the exact body it is sent with, and kept as the hook's delivery log. Its id is the
 * {@code webhook-id} of every attempt. While a node sends it, the row is leased to that node
 * ({@code leaseOwner}, {@code leaseUntil}); a node that dies leaves it to another once the lease ends.
 */
@Entity
@Table(name = "hook_deliveries", indexes = {@Index(name = "hook_deliveries_hook", columnList = "hook_id, created_at"),
        @Index(name = "hook_deliveries_due", columnList = "status, next_attempt_at"),
        @Index(name = "hook_deliveries_message", columnList = "message_id")})
@NamedQuery(name = Delivery.DUE, query = "SELECT d.id FROM Delivery d, Hook h, Agent a WHERE d.status = 'pending'"
        + " AND d.nextAttemptAt <= :now AND (d.leaseUntil IS NULL OR d.leaseUntil < :now) AND h.id = d.hookId AND h.active = true"
        + " AND a.id = h.agentId AND a.bannedAt IS NULL ORDER BY d.nextAttemptAt")
@NamedQuery(name = Delivery.WITH_HOOKS, query = "SELECT d, h FROM Delivery d, Hook h WHERE h.id = d.hookId AND d.id IN :ids")
@NamedQuery(name = Delivery.CLAIM, query = "UPDATE Delivery d SET d.leaseOwner = :owner, d.leaseUntil = :until WHERE d.id = :id"
        + " AND d.status = 'pending' AND (d.leaseUntil IS NULL OR d.leaseUntil < :now)")
@NamedQuery(name = Delivery.OF_HOOK, query = "SELECT d FROM Delivery d WHERE d.hookId = :hookId ORDER BY d.createdAt DESC, d.id DESC")
@NamedQuery(name = Delivery.OF_HOOK_IN, query = "SELECT d FROM Delivery d WHERE d.hookId = :hookId AND d.status = :status"
        + " ORDER BY d.createdAt DESC, d.id DESC")
@NamedQuery(name = Delivery.DROP_OF_HOOK, query = "DELETE FROM Delivery d WHERE d.hookId = :hookId")
@NamedQuery(name = Delivery.DROP_PENDING_ABOUT, query = "DELETE FROM Delivery d WHERE d.status = 'pending' AND d.messageId IN :messageIds")
@NamedQuery(name = Delivery.DELIVERED, query = "UPDATE Delivery d SET d.status = 'delivered', d.attempts = d.attempts + 1,"
        + " d.lastStatus = :code, d.lastError = NULL, d.deliveredAt = :now, d.nextAttemptAt = NULL, d.leaseOwner = NULL,"
        + " d.leaseUntil = NULL WHERE d.id IN :ids")
@NamedQuery(name = Delivery.PENDING_COUNT, query = "SELECT COUNT(d) FROM Delivery d WHERE d.status = 'pending'")
@NamedQuery(name = Delivery.EXPIRED, query = "DELETE FROM Delivery d WHERE d.status <> 'pending' AND d.createdAt < :before")
public class Delivery {

    public static final String DUE = "Delivery.due";
    public static final String CLAIM = "Delivery.claim";
    public static final String WITH_HOOKS = "Delivery.withHooks";
    public static final String OF_HOOK = "Delivery.ofHook";
    public static final String OF_HOOK_IN = "Delivery.ofHookIn";
    public static final String DROP_OF_HOOK = "Delivery.dropOfHook";
    public static final String DROP_PENDING_ABOUT = "Delivery.dropPendingAbout";
    public static final String DELIVERED = "Delivery.delivered";
    public static final String PENDING_COUNT = "Delivery.pendingCount";
    public static final String EXPIRED = "Delivery.expired";

    public static final String PENDING = "pending";
    public static final String DELIVERED_STATUS = "delivered";
    public static final String FAILED = "failed";
    /** The longest error kept of an attempt. */
    private static final int LONGEST_ERROR = 200;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "hook_id", nullable = false, length = 36)
    private String hookId;

    @Column(nullable = false, length = 16)
    private String event;

    /** The message it is about; null for a ping. */
    @Column(name = "message_id")
    private Long messageId;

    @Column(nullable = false, length = 8000)
    private String body;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(nullable = false)
    private int attempts;

    /** Which step of the retry schedule the next failure waits; back to 0 when its owner retries it. */
    @Column(nullable = false)
    private int step;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error", length = LONGEST_ERROR)
    private String lastError;

    @Convert(converter = InstantMillis.class)
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Convert(converter = InstantMillis.class)
    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Convert(converter = InstantMillis.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "lease_owner", length = 36)
    private String leaseOwner;

    @Convert(converter = InstantMillis.class)
    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected Delivery() {
    }

    /** A delivery due now, leased to {@code owner} (the node that wrote it sends it first) until {@code leaseUntil}. */
    public Delivery(String hookId, String event, Long messageId, String body, Instant now, String owner, Instant leaseUntil) {
        this.id = newId();
        this.hookId = hookId;
        this.event = event;
        this.messageId = messageId;
        this.body = body;
        this.status = PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
        this.leaseOwner = owner;
        this.leaseUntil = leaseUntil;
    }

    /** A Standard Webhooks message id: {@code msg_} and 128 random bits. */
    public static String newId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return "msg_" + HexFormat.of().formatHex(random);
    }

    public String id() {
        return id;
    }

    public String hookId() {
        return hookId;
    }

    public String event() {
        return event;
    }

    public String body() {
        return body;
    }

    public String status() {
        return status;
    }

    public int step() {
        return step;
    }

    /** This delivery as it is sent now, by a node holding its lease until {@code leaseUntil}, signed with {@code secrets}. */
    public Shipment shipment(String url, List<String> secrets) {
        return new Shipment(id, hookId, url, secrets, body, step, createdAt, leaseUntil);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** An attempt failed: tried again at {@code next} (the lease ends), or, with no next, failed for good. */
    public void failed(Integer code, String error, Instant next) {
        attempts++;
        lastStatus = code;
        lastError = error == null || error.length() <= LONGEST_ERROR ? error : error.substring(0, LONGEST_ERROR - 1) + "…";
        leaseOwner = null;
        leaseUntil = null;
        if (next == null) {
            status = FAILED;
            nextAttemptAt = null;
        } else {
            step++;
            nextAttemptAt = next;
        }
    }

    /** Its owner asks for it again: pending from the first step of the schedule, leased to {@code owner}. */
    public void retry(Instant now, String owner, Instant leaseUntil) {
        status = PENDING;
        step = 0;
        nextAttemptAt = now;
        this.leaseOwner = owner;
        this.leaseUntil = leaseUntil;
    }

    public DeliveryView view() {
        return new DeliveryView(id, event, messageId == null ? null : String.valueOf(messageId), status, attempts, lastStatus,
                lastError, nextAttemptAt == null ? null : Text.timestamp(nextAttemptAt),
                deliveredAt == null ? null : Text.timestamp(deliveredAt), Text.timestamp(createdAt));
    }
}
