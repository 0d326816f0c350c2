package ai.chatr.hooks.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A line of a hook's delivery log, as its owner sees it. */
@JsonbPropertyOrder({"id", "event", "messageId", "status", "attempts", "lastStatus", "lastError", "nextAttemptAt", "deliveredAt",
        "createdAt"})
public record DeliveryView(String id, String event, String messageId, String status, int attempts, Integer lastStatus,
                           String lastError, String nextAttemptAt, String deliveredAt, String createdAt) {
}
