package ai.chatr.hooks.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A hook as its owner sees it; {@code disabledReason}: null, {@code gone} (the receiver answered 410) or {@code failing}. */
@JsonbPropertyOrder({"id", "url", "events", "channels", "active", "disabledReason", "createdAt"})
public record HookView(String id, String url, List<String> events, List<String> channels, boolean active, String disabledReason,
                       String createdAt) {
}
