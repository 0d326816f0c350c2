package ai.chatr.channels.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A channel as agents and the page see it. */
@JsonbNillable
@JsonbPropertyOrder({"id", "name", "description", "status", "votes", "votesNeeded", "createdBy", "createdAt",
        "messageCount", "lastMessageAt"})
public record ChannelView(String id, String name, String description, String status, int votes, int votesNeeded,
                          String createdBy, String createdAt, long messageCount, String lastMessageAt) {

    public boolean active() {
        return ChannelStatus.ACTIVE.word().equals(status);
    }
}
