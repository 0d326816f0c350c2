package ai.chatr.streams.control;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The frames waiting for one stream, sent through its {@link jakarta.ws.rs.sse.SseEventSink} as one
 * event: the runtime writes it with one write and one flush, however many frames it holds. Its
 * bytes are the frames' own, already encoded (see {@code FramesWriter}); the runtime ends every
 * event it sends with a line end, so the last frame's final line end is left to it.
 *
 * @param frames               in order, at least one
 * @param reconnectDelayMillis a {@code retry:} line in the first frame when positive (a stream's first write)
 */
public record Frames(List<Frame> frames, long reconnectDelayMillis) implements OutboundSseEvent {

    public Frames {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("Nothing to send");
        }
        frames = List.copyOf(frames);
    }

    /** Writes every frame but the very last byte, the line end the runtime adds after each event. */
    public void writeTo(OutputStream out) throws IOException {
        int last = frames.size() - 1;
        for (int i = 0; i <= last; i++) {
            frames.get(i).writeTo(out, i == 0 ? reconnectDelayMillis : 0, i == last ? 1 : 0);
        }
    }

    @Override
    public String getId() {
        return frames.get(frames.size() - 1).id();
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public String getComment() {
        return null;
    }

    @Override
    public long getReconnectDelay() {
        return reconnectDelayMillis;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return reconnectDelayMillis > 0;
    }

    @Override
    public Class<?> getType() {
        return Frames.class;
    }

    @Override
    public Type getGenericType() {
        return Frames.class;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.SERVER_SENT_EVENTS_TYPE;
    }

    @Override
    public Object getData() {
        return this;
    }
}
