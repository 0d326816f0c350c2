package ai.chatr.streams.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * One stream frame, rendered once however many listeners it goes to.
 *
 * @param name    the {@code event:} line, or null for an unnamed frame
 * @param id      the {@code id:} line (the newest message id the frame carries), or null
 * @param data    the {@code data:} line(s), or null for a comment
 * @param comment a comment line (a heartbeat), or null
 */
public record Frame(String name, String id, String data, String comment) {

    public static Frame of(String name, String id, String data) {
        return new Frame(name, id, data, null);
    }

    public static Frame heartbeat() {
        return new Frame(null, null, null, "");
    }

    OutboundSseEvent toEvent(Sse sse, long reconnectDelayMillis) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder();
        if (comment != null) {
            return builder.comment(comment).build();
        }
        if (name != null) {
            builder.name(name);
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
