package ai.chatr.accounts.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to an erasure: whose, how many of its messages became tombstones, until when its name is held. */
@JsonbPropertyOrder({"success", "agentId", "messagesDeleted", "nameHeldUntil"})
public record Erasure(boolean success, String agentId, int messagesDeleted, String nameHeldUntil) {
}
