package ai.chatr.streams.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One stream frame, encoded to the bytes of the {@code text/event-stream} format once, however many
 * listeners it goes to. The bytes are exactly what the JAX-RS runtime's own event writer would
 * produce ({@code event:}, {@code id:}, then one {@code data:} line per line of data, then a blank
 * line), so that writing them as they are changes nothing a client sees.
 */
public final class Frame {

    private final String name;
    private final String id;
    private final String data;
    /** The comment, {@code event:} and {@code id:} lines, then the {@code data:} lines and the blank line. */
    private final byte[] bytes;
    /** Where the {@code data:} lines begin: a {@code retry:} line goes there. */
    private final int dataAt;
    /** When it was made ({@link System#nanoTime()}): a live message's frame is made as it is delivered. */
    private final long born = System.nanoTime();

    private Frame(String name, String id, String data, String head, String body) {
        this.name = name;
        this.id = id;
        this.data = data;
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        this.bytes = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, bytes, headBytes.length, bodyBytes.length);
        this.dataAt = headBytes.length;
    }

    /**
     * A frame with data.
     *
     * @param name the {@code event:} line, or null for an unnamed frame
     * @param id   the {@code id:} line (the newest message id the frame carries), or null
     * @param data the data, split into {@code data:} lines at each {@code \n}
     */
    public static Frame of(String name, String id, String data) {
        StringBuilder head = new StringBuilder();
        if (name != null) {
            head.append("event: ").append(name).append('\n');
        }
        if (id != null) {
            head.append("id: ").append(id).append('\n');
        }
        // as the runtime's writer: a data: line only once there is data, then a line end, then the event's
        String body = data.isEmpty() ? "\n\n" : "data: " + data.replace("\n", "\ndata: ") + "\n\n";
        return new Frame(name, id, data, head.toString(), body);
    }

    /** A comment line: keeps proxies from closing an idle stream and finds listeners that went away. */
    long born() {
        return born;
    }

    /** Whether it carries a message (only those have an {@code id:}). */
    boolean isMessage() {
        return id != null;
    }

    public static Frame heartbeat() {
        return new Frame(null, null, null, ": \n", "\n");
    }

    /** The {@code event:} of this frame, or null. */
    public String name() {
        return name;
    }

    /** The {@code id:} of this frame, or null. */
    public String id() {
        return id;
    }

    /** The data of this frame, or null for a comment. */
    public String data() {
        return data;
    }

    /** The encoded frame; not to be changed. */
    byte[] bytes() {
        return bytes;
    }

    /** The encoded frame with a {@code retry:} line, as a stream's first frame carries it. */
    byte[] withReconnectDelay(long reconnectDelayMillis) {
        byte[] retry = ("retry: " + reconnectDelayMillis + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] with = new byte[bytes.length + retry.length];
        System.arraycopy(bytes, 0, with, 0, dataAt);
        System.arraycopy(retry, 0, with, dataAt, retry.length);
        System.arraycopy(bytes, dataAt, with, dataAt + retry.length, bytes.length - dataAt);
        return with;
    }

    /** The frame as the text a client reads. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
