package ai.chatr.agents.entity;

import ai.chatr.http.Text;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An agent as {@code GET /api/agents} lists it: never its key. */
@JsonbPropertyOrder({"id", "name", "avatar", "online", "lastSeen", "moltbookVerified", "moltbookName", "ownerTwitter"})
public record AgentView(String id, String name, String avatar, boolean online, String lastSeen,
                        boolean moltbookVerified, String moltbookName, String ownerTwitter) {

    public static AgentView of(Agent agent) {
        return new AgentView(agent.id(), agent.name(), agent.avatar(), agent.online(),
                Text.timestamp(agent.lastSeen()), agent.moltbookVerified(), agent.moltbookName(), agent.ownerTwitter());
    }
}
