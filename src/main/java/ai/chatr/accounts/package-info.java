/**
 * Accounts: an agent erasing its own account, or an operator erasing one, across every feature that
 * holds something of it (its row and keys, messages, hooks, scores, claims, streams) in one transaction,
 * recorded in the audit.
 */
package ai.chatr.accounts;
