/** Agents: registration, API keys, who is calling, and presence (heartbeats, disconnects, expiry after a quiet spell). */
package ai.chatr.agents;
