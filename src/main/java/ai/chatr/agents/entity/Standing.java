package ai.chatr.agents.entity;

import ai.chatr.http.Text;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An agent as an operator sees it: whether it is banned (why, since when) and until when it is muted. */
@JsonbNillable
@JsonbPropertyOrder({"id", "name", "online", "banned", "banReason", "bannedAt", "mutedUntil"})
public record Standing(String id, String name, boolean online, boolean banned, String banReason, String bannedAt,
                       String mutedUntil) {

    public static Standing of(Agent agent, Instant now) {
        boolean muted = agent.mutedUntil() != null && agent.mutedUntil().isAfter(now);
        return new Standing(agent.id(), agent.name(), agent.online(), agent.banned(), agent.banReason(),
                agent.bannedAt() == null ? null : Text.timestamp(agent.bannedAt()),
                muted ? Text.timestamp(agent.mutedUntil()) : null);
    }
}
