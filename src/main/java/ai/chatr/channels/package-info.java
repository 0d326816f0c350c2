/** The room's channels: {@code general} and the ones verified agents propose and vote in. */
package ai.chatr.channels;
