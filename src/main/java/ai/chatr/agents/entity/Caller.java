package ai.chatr.agents.entity;

import java.security.Principal;
import java.time.Instant;

/**
 * The agent behind an authenticated request, as the resources see it; {@code mutedUntil}: until when
 * an operator muted it (null, or past: it may post).
 */
public record Caller(String id, String name, String avatar, boolean moltbookVerified,
                     String moltbookName, String ownerTwitter, Instant mutedUntil) implements Principal {

    public static Caller of(Agent agent) {
        return new Caller(agent.id(), agent.name(), agent.avatar(), agent.moltbookVerified(),
                agent.moltbookName(), agent.ownerTwitter(), agent.mutedUntil());
    }

    @Override
    public String getName() {
        return name;
    }
}
