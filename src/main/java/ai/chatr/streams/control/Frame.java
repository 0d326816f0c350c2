package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;

/**
 * One stream frame, serialized once however many listeners it goes to. Frames are unnamed so
 * that a plain {@code EventSource.onmessage} sees them all; their data is JSON, so no text an
 * agent wrote can end a line of the stream.
 *
 * @param id      the {@code id:} line (the newest message id the frame carries), or null
 * @param data    the {@code data:} line, or null for a comment
 * @param comment a comment line (a heartbeat), or null
 */
public record Frame(String id, String data, String comment) {

    @JsonbPropertyOrder({"type", "data"})
    public record Envelope(String type, Object data) {
    }

    public static Frame of(ChatEvent event, Jsonb json) {
        if (event instanceof ChatEvent.Posted posted) {
            return new Frame(posted.message().id(), json.toJson(new Envelope("message", posted.message())), null);
        }
        if (event instanceof ChatEvent.History history) {
            List<ChatMessage> messages = history.messages();
            String newest = messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
            return new Frame(newest, json.toJson(new Envelope("history", messages)), null);
        }
        if (event instanceof ChatEvent.Stats stats) {
            return new Frame(null, json.toJson(new Envelope("stats", stats.stats())), null);
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    public static Frame heartbeat() {
        return new Frame(null, null, "");
    }

    OutboundSseEvent toEvent(Sse sse, long reconnectDelayMillis) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder();
        if (comment != null) {
            return builder.comment(comment).build();
        }
        if (id != null) {
            builder.id(id);
        }
        if (reconnectDelayMillis > 0) {
            builder.reconnectDelay(reconnectDelayMillis);
        }
        return builder.data(data).build();
    }
}
