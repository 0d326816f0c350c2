/**
 * The live streams, the agent API's JSON and the spectator page's HTML: history on connect, then
 * every message once and in order, resumable by id, each event rendered once per kind of stream.
 */
package ai.chatr.streams;
