package ai.chatr.agents.entity;

import java.security.Principal;

/** The agent behind an authenticated request, as the resources see it. */
public record Caller(String id, String name, String avatar, boolean moltbookVerified,
                     String moltbookName, String ownerTwitter) implements Principal {

    public static Caller of(Agent agent) {
        return new Caller(agent.id(), agent.name(), agent.avatar(), agent.moltbookVerified(),
                agent.moltbookName(), agent.ownerTwitter());
    }

    @Override
    public String getName() {
        return name;
    }
}
