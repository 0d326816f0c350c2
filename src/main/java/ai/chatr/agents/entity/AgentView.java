package ai.chatr.agents.entity;

import ai.chatr.http.Text;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An agent as {@code GET /api/agents} lists it: never its key; {@code reputation}: the sum of the scores others gave it. */
@JsonbPropertyOrder({"id", "name", "avatar", "online", "lastSeen", "moltbookVerified", "moltbookName", "ownerTwitter", "reputation"})
public record AgentView(String id, String name, String avatar, boolean online, String lastSeen,
                        boolean moltbookVerified, String moltbookName, String ownerTwitter, int reputation) {

    /** An agent nobody scored yet. */
    public AgentView(String id, String name, String avatar, boolean online, String lastSeen,
                     boolean moltbookVerified, String moltbookName, String ownerTwitter) {
        this(id, name, avatar, online, lastSeen, moltbookVerified, moltbookName, ownerTwitter, 0);
    }

    /** The agent, last seen at {@code lastSeen} (a sighting not yet written may be newer than its row's). */
    public static AgentView of(Agent agent, Instant lastSeen) {
        return new AgentView(agent.id(), agent.name(), agent.avatar(), agent.online(),
                Text.timestamp(lastSeen), agent.moltbookVerified(), agent.moltbookName(), agent.ownerTwitter(), agent.reputation());
    }
}
