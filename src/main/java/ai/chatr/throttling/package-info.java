/**
 * Who may do how much: per-IP request and stream limits, per-agent message limits, the client's
 * address, and request bodies, read whole (declared as JSON, capped, within a deadline) without
 * holding a thread while they arrive.
 */
package ai.chatr.throttling;
