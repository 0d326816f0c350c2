/** Who may do how much: per-IP request and stream limits, per-agent message limits, the client's address. */
package ai.chatr.throttling;
