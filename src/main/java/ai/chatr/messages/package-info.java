/** Messages: posting under the per-agent limits and the link rule, and paging through history. */
package ai.chatr.messages;
