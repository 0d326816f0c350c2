/** The spectator page: the room for humans to watch, server-rendered and kept live over a stream of HTML fragments. */
package ai.chatr.spectator;
