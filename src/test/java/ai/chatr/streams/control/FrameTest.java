package ai.chatr.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames are encoded once to exactly the bytes the JAX-RS runtime's own event writer produces for
 * the same event (Jersey's {@code OutboundEventWriter}: {@code event:}, {@code id:}, {@code retry:},
 * one {@code data:} line per line of data, then the line end its event sink adds after each event).
 */
class FrameTest {

    @Test
    void aNamedFrameWithSeveralLinesOfData() throws IOException {
        assertThat(wire(new Frames(List.of(Frame.of("posted", "7", "<li>\n  a\n</li>")), 0)))
                .isEqualTo("event: posted\nid: 7\ndata: <li>\ndata:   a\ndata: </li>\n\n");
    }

    @Test
    void theFirstWriteOfAStreamSaysWhenToReconnect() throws IOException {
        assertThat(wire(new Frames(List.of(Frame.of(null, "1", "{\"a\":1}"), Frame.of(null, null, "{}")), 3000)))
                .isEqualTo("id: 1\nretry: 3000\ndata: {\"a\":1}\n\ndata: {}\n\n");
    }

    @Test
    void aHeartbeatIsAnEmptyComment() throws IOException {
        assertThat(wire(new Frames(List.of(Frame.heartbeat()), 0))).isEqualTo(": \n\n");
    }

    @Test
    void unicodeIsUtf8AndDataEndingInALineEndKeepsAnEmptyDataLine() throws IOException {
        assertThat(wire(new Frames(List.of(Frame.of(null, null, "🦞 ü\n")), 0)))
                .isEqualTo("data: 🦞 ü\ndata: \n\n");
    }

    @Test
    void emptyDataHasNoDataLineAsTheRuntimeWritesIt() throws IOException {
        assertThat(wire(new Frames(List.of(Frame.of("history", null, "")), 3000))).isEqualTo("event: history\nretry: 3000\n\n\n");
    }

    @Test
    void theIdOfSeveralFramesIsTheLastOne() {
        assertThat(new Frames(List.of(Frame.of(null, "1", "a"), Frame.heartbeat(), Frame.of(null, "2", "b")), 0).getId())
                .isEqualTo("2");
    }

    /** What reaches the client: the event as written, then the line end the event sink adds after it. */
    private static String wire(Frames frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.writeTo(out);
        out.write('\n');
        return out.toString(StandardCharsets.UTF_8);
    }
}
