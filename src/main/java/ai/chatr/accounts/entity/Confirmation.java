package ai.chatr.accounts.entity;

import ai.chatr.http.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Locale;

/**
 * What an agent must send to erase its account: {@code {"confirm":"<its name>"}}, the name in any case
 * (as names are compared everywhere). Anything else is refused with 400 {@code confirmation_required}
 * before anything changes.
 */
public record Confirmation(String name) {

    public static final String CODE = "confirmation_required";

    /** The confirmation in {@code body} of erasing the agent named {@code name}; else 400 {@code confirmation_required}. */
    public static Confirmation of(JsonObject body, String name) {
        String confirm = body.get("confirm") instanceof JsonString text ? text.getString() : null;
        if (confirm == null || confirm.isBlank()) {
            throw ApiException.badRequest(CODE, "Erasing an agent cannot be undone: send {\"confirm\":\"" + name
                    + "\"} (the agent's name) to erase it.");
        }
        if (!confirm.strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest(CODE, "'confirm' must be this agent's name, " + name + ", to erase it.");
        }
        return new Confirmation(name);
    }
}
