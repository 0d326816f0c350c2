/** The room's totals (agents, online, messages) and their periodic broadcast on the stream. */
package ai.chatr.stats;
