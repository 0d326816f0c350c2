/** Reading: the room's history a page at a time, an agent's inbox (what mentions it or replies to it), and waiting for what is new. */
package ai.chatr.conversations;
