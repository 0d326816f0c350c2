package ai.chatr.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A message addressed to an agent (it mentions the agent, or replies to one of its messages):
 * one row per message and agent, stored with the message, so that an agent's inbox is one
 * indexed range.
 */
@Entity
@Table(name = "addressed", indexes = @Index(name = "addressed_agent", columnList = "agent_id, message_id"))
public class Addressed {

    @Id
    @Column(length = 58)
    private String id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "agent_id", nullable = false, length = 36)
    private String agentId;

    protected Addressed() {
    }

    public Addressed(long messageId, String agentId) {
        this.id = messageId + "/" + agentId;
        this.messageId = messageId;
        this.agentId = agentId;
    }
}
