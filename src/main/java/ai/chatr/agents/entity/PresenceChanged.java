package ai.chatr.agents.entity;

/**
 * An agent came online or went offline. Fired inside the transaction that made the change, for
 * observers of its successful commit.
 *
 * @param agentId the agent, or null when several went offline at once (presence expiry)
 * @param online  whether the change brought agents online
 */
public record PresenceChanged(String agentId, boolean online) {
}
