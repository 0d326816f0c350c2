/** Messages: posting under the per-agent limits and the link rule, with its @mentions and addressed rows, committed in groups. */
package ai.chatr.messages;
