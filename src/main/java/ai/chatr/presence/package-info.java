/** Who is online: heartbeats, explicit disconnects, and expiry after a quiet spell. */
package ai.chatr.presence;
