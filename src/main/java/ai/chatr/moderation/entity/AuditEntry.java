package ai.chatr.moderation.entity;

import ai.chatr.agents.entity.InstantMillis;
import ai.chatr.http.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One thing an operator did: who (the fingerprint of the token), what, to what, when, why, and
 * what came of it. Written in the transaction of the action itself, so that no action goes unrecorded.
 * Ids come one at a time from a sequence, so that they follow the order the actions were taken in on any node.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @SequenceGenerator(name = "audit_ids", sequenceName = "audit_ids", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_ids")
    private long id;

    @Column(nullable = false, length = 64)
    private String actor;

    @Column(nullable = false, length = 32)
    private String action;

    @Column(nullable = false, length = 80)
    private String target;

    @Column(length = 400)
    private String reason;

    @Column(length = 200)
    private String detail;

    @Convert(converter = InstantMillis.class)
    @Column(name = "taken_at", nullable = false)
    private Instant at;

    protected AuditEntry() {
    }

    public AuditEntry(Operator operator, String action, String target, String reason, String detail, Instant at) {
        this(operator.fingerprint(), action, target, reason, detail, at);
    }

    /** By an actor that is not an operator (an agent erasing its own account: {@code agent}). */
    public AuditEntry(String actor, String action, String target, String reason, String detail, Instant at) {
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.reason = reason;
        this.detail = detail;
        this.at = at;
    }

    public AuditView view() {
        return new AuditView(Long.toString(id), actor, action, target, reason, detail, Text.timestamp(at));
    }
}
