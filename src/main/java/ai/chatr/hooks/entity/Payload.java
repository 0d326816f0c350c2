package ai.chatr.hooks.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of a delivery: the event's type, the hook it was sent to, when the event happened and
 * its data (the message object exactly as the stream sends it; for a ping, an empty object).
 */
@JsonbPropertyOrder({"type", "hook", "timestamp", "data"})
public record Payload(String type, String hook, String timestamp, Object data) {
}
