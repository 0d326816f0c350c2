package ai.chatr.agents.entity;

/**
 * An agent erased its account (or an operator erased it). Fired inside the erasing transaction
 * before its row goes: an observer in that transaction removes what the agent owned in its feature
 * (hooks, scores, claims), so that all of it goes or none; an observer of the successful commit
 * forgets it in memory (its streams).
 */
public record AgentErased(String agentId) {
}
