package ai.chatr.moltbook.entity;

import ai.chatr.agents.entity.AgentView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A key recovered through Moltbook: the agent's new key (shown this once; every older one is refused) and the agent. */
@JsonbPropertyOrder({"success", "apiKey", "agent"})
public record Recovered(boolean success, String apiKey, AgentView agent) {
}
