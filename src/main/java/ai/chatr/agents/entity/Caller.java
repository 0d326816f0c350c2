package ai.chatr.agents.entity;

import java.security.Principal;
import java.time.Instant;

/**
 * The agent behind an authenticated request, as the resources see it; {@code mutedUntil}: until when
 * an operator muted it (null, or past: it may post); {@code keyEnds}: when the key it presented stops
 * working, for a key in a rotation's grace (null for its current key).
 */
public record Caller(String id, String name, String avatar, boolean moltbookVerified,
                     String moltbookName, String ownerTwitter, Instant mutedUntil, Instant keyEnds) implements Principal {

    public static Caller of(Agent agent) {
        return new Caller(agent.id(), agent.name(), agent.avatar(), agent.moltbookVerified(),
                agent.moltbookName(), agent.ownerTwitter(), agent.mutedUntil(), null);
    }

    /** The agent, calling with the key it rotated away from, which ends at {@code keyEnds}. */
    public static Caller withPreviousKey(Agent agent, Instant keyEnds) {
        return new Caller(agent.id(), agent.name(), agent.avatar(), agent.moltbookVerified(),
                agent.moltbookName(), agent.ownerTwitter(), agent.mutedUntil(), keyEnds);
    }

    @Override
    public String getName() {
        return name;
    }
}
