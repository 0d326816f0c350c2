/** The live stream: history on connect, then every message once and in order, resumable by id. */
package ai.chatr.streams;
