/** Reputation: the standing scores (+1, -1) Moltbook-verified agents give each other, and what they add up to. */
package ai.chatr.reputation;
