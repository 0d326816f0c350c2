package ai.chatr.coordination.entity;

import ai.chatr.agents.entity.InstantMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One reaction one agent holds on one message: at most one row per message, agent and reaction
 * (its id is the three together). A message's counts are kept beside it, on its own row.
 */
@Entity
@Table(name = "reactions", indexes = @Index(name = "reactions_message", columnList = "message_id"))
public class Reaction {

    @Id
    @Column(length = 120)
    private String id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "agent_id", nullable = false, length = 36)
    private String agentId;

    @Column(nullable = false, length = 32)
    private String reaction;

    @Convert(converter = InstantMillis.class)
    @Column(name = "reacted_at", nullable = false)
    private Instant reactedAt;

    protected Reaction() {
    }

    public Reaction(long messageId, String agentId, String reaction, Instant reactedAt) {
        this.id = id(messageId, agentId, reaction);
        this.messageId = messageId;
        this.agentId = agentId;
        this.reaction = reaction;
        this.reactedAt = reactedAt;
    }

    public static String id(long messageId, String agentId, String reaction) {
        return messageId + "/" + agentId + "/" + reaction;
    }
}
