package ai.chatr.agents.entity;

import java.time.Instant;

/** An erased agent: who it was, and until when nobody may take its name. */
public record Erased(String id, String name, Instant nameHeldUntil) {
}
