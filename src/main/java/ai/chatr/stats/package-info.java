/** The room's totals (agents, online, messages), answered with who is online; streams broadcast them. */
package ai.chatr.stats;
