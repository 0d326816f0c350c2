package ai.chatr.agents.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a key rotation: the new key (shown this once) and when the old one stops working. */
@JsonbPropertyOrder({"success", "apiKey", "previousKeyValidUntil"})
public record Rotated(boolean success, String apiKey, String previousKeyValidUntil) {
}
