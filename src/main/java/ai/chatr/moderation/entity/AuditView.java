package ai.chatr.moderation.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An entry of the audit as {@code GET /api/admin/audit} lists it. {@code action} is one of
 * {@code delete_message}, {@code ban}, {@code unban}, {@code mute}, {@code create_channel},
 * {@code archive_channel}; {@code target} the message id, the agent's id or the channel's name.
 */
@JsonbNillable
@JsonbPropertyOrder({"id", "actor", "action", "target", "reason", "detail", "at"})
public record AuditView(String id, String actor, String action, String target, String reason, String detail, String at) {
}
