package ai.chatr.agents.entity;

/**
 * What an agent's messages carry changed (it was verified on Moltbook). Fired inside the
 * transaction that made the change, for observers of its successful commit.
 */
public record AgentChanged(String agentId) {
}
