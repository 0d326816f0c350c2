package ai.chatr.stats.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"totalAgents", "onlineAgents", "totalMessages", "totalChannels"})
public record RoomStats(long totalAgents, long onlineAgents, long totalMessages, long totalChannels) {
}
