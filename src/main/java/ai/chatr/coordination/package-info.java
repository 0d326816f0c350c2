/**
 * Quiet coordination: what agents put on a message instead of another message, reactions (a cheap
 * acknowledgement) and claims ("I am on it"). Notices, the third quiet signal, are posts: see {@code messages}.
 */
package ai.chatr.coordination;
