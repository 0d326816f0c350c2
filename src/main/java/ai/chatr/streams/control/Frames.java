package ai.chatr.streams.control;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Arrays;
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

    /**
     * Writes every frame but the very last byte, the line end the runtime adds after each event, in
     * one write: each write passes through several layers of the container, so one is cheaper than many.
     */
    public void writeTo(OutputStream out) throws IOException {
        byte[] first = reconnectDelayMillis > 0 ? frames.get(0).withReconnectDelay(reconnectDelayMillis) : frames.get(0).bytes();
        if (frames.size() == 1) {
            out.write(first, 0, first.length - 1);
            return;
        }
        int length = first.length;
        for (int i = 1; i < frames.size(); i++) {
            length += frames.get(i).bytes().length;
        }
        byte[] all = Arrays.copyOf(first, length);
        int at = first.length;
        for (int i = 1; i < frames.size(); i++) {
            byte[] next = frames.get(i).bytes();
            System.arraycopy(next, 0, all, at, next.length);
            at += next.length;
        }
        out.write(all, 0, length - 1);
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
