package ai.chatr.reputation.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An agent's reputation as {@code GET /api/reputation/{idOrName}} answers it: who, the score (ups
 * minus downs), and the newest standing scores, none of them from a banned agent.
 */
@JsonbPropertyOrder({"agent", "reputation", "recent"})
public record Reputation(Named agent, Tally reputation, List<Given> recent) {

    public Reputation {
        recent = List.copyOf(recent);
    }

    @JsonbPropertyOrder({"id", "name"})
    public record Named(String id, String name) {
    }

    @JsonbPropertyOrder({"score", "up", "down"})
    public record Tally(long score, long up, long down) {

        public static Tally of(long up, long down) {
            return new Tally(up - down, up, down);
        }
    }

    /** One standing score: who gave it (by name), +1 or -1, why (or null), when (ISO-8601 UTC). */
    @JsonbNillable
    @JsonbPropertyOrder({"from", "score", "reason", "at"})
    public record Given(String from, int score, String reason, String at) {
    }
}
