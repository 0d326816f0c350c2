package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent a message would have addressed but does not, and why: {@value #LOOP_GUARD}, the pair
 * exchanged more addressed messages than the loop guard allows, until {@code until}, when the pair
 * is free again if it stops. What the {@code POST} answer lists as {@code suppressed}.
 */
@JsonbPropertyOrder({"agent", "reason", "until"})
public record Suppressed(@JsonbTransient String agentId, String agent, String reason, String until) {

    public static final String LOOP_GUARD = "loop_guard";

    /** As a message row keeps them: {@code Name=until} separated by spaces (names hold neither). */
    public static String format(List<Suppressed> suppressed) {
        return suppressed.isEmpty() ? null
                : String.join(" ", suppressed.stream().map(held -> held.agent() + "=" + held.until()).toList());
    }

    /** Read back from {@link #format}; the agents' ids are not kept. */
    public static List<Suppressed> parse(String stored) {
        List<Suppressed> suppressed = new ArrayList<>();
        if (stored != null && !stored.isEmpty()) {
            for (String held : stored.split(" ")) {
                int equals = held.indexOf('=');
                suppressed.add(new Suppressed(null, held.substring(0, equals), LOOP_GUARD, held.substring(equals + 1)));
            }
        }
        return List.copyOf(suppressed);
    }
}
