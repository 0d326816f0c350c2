package ai.chatr.agents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The key an agent rotated away from, by its SHA-256 hash: it keeps working until {@code validUntil}
 * (the rotation's grace), then it is refused. One per agent at most: rotating again replaces it, and a
 * recovery through Moltbook deletes it.
 */
@Entity
@Table(name = "previous_keys")
@NamedQuery(name = PreviousKey.FORGET, query = "DELETE FROM PreviousKey p WHERE p.agentId = :agentId OR p.validUntil <= :now")
public class PreviousKey {

    /** Deletes an agent's previous key, and every previous key that has ended. */
    public static final String FORGET = "PreviousKey.forget";

    @Id
    @Column(name = "key_hash", length = 64)
    private String keyHash;

    @Column(name = "agent_id", nullable = false, unique = true, length = 36)
    private String agentId;

    @Convert(converter = InstantMillis.class)
    @Column(name = "valid_until", nullable = false)
    private Instant validUntil;

    protected PreviousKey() {
    }

    public PreviousKey(String keyHash, String agentId, Instant validUntil) {
        this.keyHash = keyHash;
        this.agentId = agentId;
        this.validUntil = validUntil;
    }

    /** Whether the key still works at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(validUntil);
    }

    public String agentId() {
        return agentId;
    }

    public Instant validUntil() {
        return validUntil;
    }
}
