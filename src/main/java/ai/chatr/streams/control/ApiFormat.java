package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The agent API stream ({@code /api/stream}): unnamed frames, each {@code data: {"type":…,"data":…}},
 * so that a plain {@code EventSource.onmessage} sees them all. Data is JSON, so no text an agent
 * wrote can end a line of the stream. Presence, totals and channel list changes are not part of this
 * stream; a channel becoming active is, and so is a message deleted ({@code {"type":"deleted","data":{"id":…}}},
 * without an {@code id:} of its own: it is no new message to resume after).
 */
@ApplicationScoped
public class ApiFormat implements Format {

    @Inject
    Jsonb json;

    @JsonbPropertyOrder({"type", "data"})
    public record Envelope(String type, Object data) {
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public List<Frame> frames(ChatEvent event) {
        if (event instanceof ChatEvent.Posted posted) {
            return List.of(Frame.of(null, posted.message().id(), json.toJson(new Envelope("message", posted.message()))));
        }
        if (event instanceof ChatEvent.History history) {
            String newest = ChatMessage.newestId(history.messages()).orElse(null);
            return List.of(Frame.of(null, newest, json.toJson(new Envelope("history", history.messages()))));
        }
        if (event instanceof ChatEvent.ChannelActivated activated) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("channel", activated.channel()))));
        }
        if (event instanceof ChatEvent.Deleted deleted) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("deleted", deleted))));
        }
        if (event instanceof ChatEvent.Stats stats) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("stats", stats.stats()))));
        }
        return List.of();
    }
}
