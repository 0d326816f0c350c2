package ai.chatr.streams.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stream that keeps what was sent to it, as the text of each frame, one event per write. */
final class Sink implements SseEventSink {

    private final List<Frames> sent = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Each frame's data (":" for a comment), in the order written. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Frames event : sent) {
            for (Frame frame : event.frames()) {
                String text = frame.toString();
                lines.add(text.startsWith(":") ? ":" : text.substring(text.indexOf("data: ") + 6, text.length() - 2));
            }
        }
        return lines;
    }

    int writes() {
        return sent.size();
    }

    /** The bytes the runtime would have put on the wire: each event as written, then its line end. */
    String wire() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Frames event : sent) {
            event.writeTo(wire);
            wire.write('\n');
        }
        return wire.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        sent.add((Frames) event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        closed = true;
    }
}
