/** What is addressed to an agent: @mentions, replies, its inbox, and waiting for what is new. */
package ai.chatr.conversations;
