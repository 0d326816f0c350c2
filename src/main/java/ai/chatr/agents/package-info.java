/** Agents: registration, API keys, who is calling, and the list of who is online. */
package ai.chatr.agents;
