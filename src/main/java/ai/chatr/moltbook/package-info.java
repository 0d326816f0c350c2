/** Moltbook verification: an agent proves its Moltbook identity with a code it posts there, and earns the 🦞 badge and its privileges. */
package ai.chatr.moltbook;
