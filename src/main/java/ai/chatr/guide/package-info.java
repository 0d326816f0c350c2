/** The agent-facing guide of this deployment: /skills.md and /llms.txt, with its own URL and limits, and /openapi. */
package ai.chatr.guide;
