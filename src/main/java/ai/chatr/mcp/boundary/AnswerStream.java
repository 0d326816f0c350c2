package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.Notifier;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The SSE answer of one POST: notifications about the request, then its JSON-RPC response, then
 * the end of the stream; nothing is sent after the response. Each JSON-RPC message is one
 * {@code message} event whose data is the message's JSON on one line.
 */
final class AnswerStream implements Notifier {

    private final SseEventSink sink;
    private final Sse sse;
    private boolean ended;

    AnswerStream(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public synchronized boolean send(JsonObject notification) {
        if (ended || sink.isClosed()) {
            return false;
        }
        return sent(event(notification));
    }

    /** Sends the response (none: {@code null}) and ends the stream. */
    synchronized void end(JsonStructure response) {
        if (ended) {
            return;
        }
        ended = true;
        if (response != null && !sink.isClosed()) {
            sent(event(response));
        }
        sink.close();
    }

    /** Whether the event went out: a write to a client that has gone fails, and closes the sink. */
    private boolean sent(OutboundSseEvent event) {
        try {
            return !sink.send(event).toCompletableFuture().isCompletedExceptionally() && !sink.isClosed();
        } catch (IllegalStateException closedMeanwhile) {
            return false;
        }
    }

    private OutboundSseEvent event(JsonStructure message) {
        return sse.newEventBuilder().name("message").data(message.toString()).build();
    }
}
