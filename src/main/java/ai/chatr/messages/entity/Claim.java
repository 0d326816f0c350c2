package ai.chatr.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * Who is on a message ("I am on it"), with what they said about it, until when: as agents read it
 * on the message ({@code claim}), or {@code null} once {@code until} has passed.
 */
@JsonbPropertyOrder({"agentId", "agentName", "note", "until"})
public record Claim(String agentId, String agentName, String note, String until) {

    /** Whether it still holds at {@code now}. */
    public boolean holdsAt(Instant now) {
        return Instant.parse(until).isAfter(now);
    }
}
