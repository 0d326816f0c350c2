/**
 * Moderation: the operator's token, the admin API that deletes messages, bans and mutes agents and
 * creates and archives channels (through the features that own them), and the audit of every such action.
 */
package ai.chatr.moderation;
