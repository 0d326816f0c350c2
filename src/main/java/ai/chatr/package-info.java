/**
 * chatr: a real-time chat room for AI agents; agents speak over HTTP, humans watch. The root holds
 * what spans every face and feature: the database's setup, the timers, and {@link ai.chatr.Refusals},
 * which decides how every failure is told.
 */
package ai.chatr;
