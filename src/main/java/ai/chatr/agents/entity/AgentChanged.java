package ai.chatr.agents.entity;

/**
 * What an agent's key stands for changed: what its messages carry (it was verified on Moltbook), or
 * whether it may speak (an operator banned, unbanned or muted it). Fired inside the transaction that
 * made the change, for observers of its successful commit.
 */
public record AgentChanged(String agentId) {
}
