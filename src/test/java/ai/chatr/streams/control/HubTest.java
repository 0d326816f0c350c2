package ai.chatr.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.stats.control.RoomStats;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub without a container: each event is rendered once per format, however many listeners
 * the format has, and replays reuse what was rendered.
 */
class HubTest {

    private Hub hub;
    private Counting api;
    private Counting html;

    @BeforeEach
    void hub() {
        hub = new Hub();
        api = new Counting("api", false);
        html = new Counting("html", true);
        hub.writer = Runnable::run;
        hub.historySize = 100;
        hub.replayWindow = 1000;
        hub.outboxSize = 2000;
    }

    @Test
    void eachEventIsRenderedOncePerChannelWhateverTheNumberOfListeners() {
        List<Sink> apiSinks = List.of(subscribe(api, null), subscribe(api, null), subscribe(api, null));
        List<Sink> htmlSinks = List.of(subscribe(html, null), subscribe(html, null));
        assertThat(api.rendered("History")).isEqualTo(1);
        assertThat(html.rendered("History")).isEqualTo(1);

        hub.accept(message(1));
        hub.accept(message(2));
        hub.broadcast(new ChatEvent.Presence(List.of(), new RoomStats(1, 1, 2, 1)));
        hub.broadcast(new ChatEvent.Stats(new RoomStats(1, 1, 2, 1)));
        hub.heartbeat();

        assertThat(api.rendered("Posted")).isEqualTo(2);
        assertThat(html.rendered("Posted")).isEqualTo(2);
        assertThat(api.rendered("Presence")).isEqualTo(1);
        assertThat(html.rendered("Presence")).isEqualTo(1);
        assertThat(html.rendered("Stats")).isEqualTo(1);
        for (Sink sink : apiSinks) {
            assertThat(sink.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Stats", ":");
        }
        for (Sink sink : htmlSinks) {
            assertThat(sink.lines()).containsExactly("html History", "html Posted 1", "html Posted 2", "html Presence", "html Stats", ":");
        }
    }

    @Test
    void aDeletedMessageLeavesMemoryEveryStreamIsToldAndItsIdIsSteppedOver() {
        Sink listening = subscribe(api, null);
        hub.accept(message(1));
        hub.accept(message(2));
        hub.forget(List.of(2L), true);
        assertThat(listening.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Deleted");
        assertThat(hub.newest(10)).extracting(ChatMessage::id).containsExactly("1");
        assertThat(subscribe(api, 0L).lines()).as("a resume does not bring it back").containsExactly("api Posted 1");

        hub.forget(List.of(3L), true);
        hub.accept(message(4));
        assertThat(listening.lines()).as("a tombstone never delivered holds nothing up").endsWith("api Deleted", "api Posted 4");

        hub.accept(message(6));
        hub.forget(List.of(6L), false);
        hub.accept(message(5));
        hub.accept(message(7));
        assertThat(hub.newest(10)).extracting(ChatMessage::id).as("one that came early and went is never delivered")
                .containsExactly("1", "4", "5", "7");
        assertThat(listening.lines()).endsWith("api Posted 4", "api Deleted", "api Posted 5", "api Posted 7");

        Sink quietChannel = subscribe(api, Filter.channels(Set.of("quiet")), null);
        hub.accept(message(8, "quiet"));
        hub.forget(List.of(8L), false);
        assertThat(subscribe(api, Filter.channels(Set.of("quiet")), 7L).lines()).isEmpty();
        assertThat(quietChannel.lines()).containsExactly("api History", "api Posted 8", "api Deleted");
    }

    @Test
    void aBanThatDeletesThousandsTellsStreamsOfWhatTheyHoldAndAFewMore() {
        Sink listening = subscribe(api, null);
        for (int id = 1; id <= 300; id++) {
            hub.accept(message(id));
        }
        List<Long> thousands = new ArrayList<>();
        for (long id = 1; id <= 5000; id++) {
            thousands.add(id);
        }
        hub.forget(thousands, true);
        assertThat(listening.lines().stream().filter("api Deleted"::equals)).as("300 held, 100 more").hasSize(400);
        assertThat(listening.isClosed()).as("not dropped as too slow").isFalse();
        hub.accept(message(5001));
        assertThat(listening.lines()).last().isEqualTo("api Posted 5001");
    }

    @Test
    void repliesToADeletedMessageStopQuotingIt() {
        Recording format = new Recording();
        hub.accept(message(1));
        hub.accept(new ChatMessage("2", "agent", "name", "🤖", "an answer", "general", List.of(), "1", "2026-11-28T13:45:12.123Z",
                false, null, null, new Addressing(List.of("agent"), "name", "text 1")));
        hub.forget(List.of(1L), true);
        assertThat(hub.newest(10)).singleElement().satisfies(reply -> {
            assertThat(reply.replyTo()).isEqualTo("1");
            assertThat(reply.addressing().replyQuote()).isNull();
            assertThat(reply.addressing().replyToAgentName()).isEqualTo("name");
        });
        hub.subscribe(format, Filter.ALL, new Sink(), null, () -> { });
        assertThat(format.histories.get(0).messages()).extracting(m -> m.addressing().replyQuote()).containsOnlyNulls();
    }

    @Test
    void aReturningListenerGetsExactlyWhatItMissedFromFramesAlreadyRendered() {
        subscribe(html, null);
        for (int id = 1; id <= 4; id++) {
            hub.accept(message(id));
        }
        Sink returning = subscribe(html, 2L);
        hub.accept(message(5));

        assertThat(returning.lines()).containsExactly("html Posted 3", "html Posted 4", "html Posted 5");
        assertThat(html.rendered("Posted")).as("replay renders nothing again").isEqualTo(5);
    }

    @Test
    void messagesGoOutInIdOrderOnceEach() {
        Sink sink = subscribe(api, null);
        hub.accept(message(2));
        hub.accept(message(1));
        hub.accept(message(2));
        hub.accept(message(3));
        assertThat(sink.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3");
    }

    @Test
    void historyIsRenderedOnceUntilTheNextMessage() {
        subscribe(html, null);
        subscribe(html, null);
        assertThat(html.rendered("History")).isEqualTo(1);
        hub.accept(message(1));
        subscribe(html, null);
        assertThat(html.rendered("History")).isEqualTo(2);
        assertThat(hub.newest(10)).extracting(ChatMessage::id).containsExactly("1");
    }

    @Test
    void aBatchGoesOutInIdOrderWhateverOrderItCameIn() {
        Sink sink = subscribe(api, null);
        hub.accept(List.of(message(2), message(1), message(4)));
        hub.accept(List.of(message(3), message(2)));
        assertThat(sink.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3", "api Posted 4");
    }

    @Test
    void framesThatWaitForAStreamGoOutAsOneWrite() throws IOException {
        List<Runnable> pending = new ArrayList<>();
        hub.writer = pending::add;
        Sink sink = subscribe(api, null);
        hub.accept(List.of(message(1), message(2)));
        hub.accept(message(3));
        assertThat(pending).as("one write scheduled for the stream, however many frames wait").hasSize(1);
        List.copyOf(pending).forEach(Runnable::run);

        assertThat(sink.writes()).isEqualTo(1);
        assertThat(sink.wire()).isEqualTo("retry: 3000\ndata: api History\n\n"
                + "id: 1\ndata: api Posted 1\n\nid: 2\ndata: api Posted 2\n\nid: 3\ndata: api Posted 3\n\n");

        pending.clear();
        hub.accept(message(4));
        List.copyOf(pending).forEach(Runnable::run);
        assertThat(sink.wire()).as("only a stream's first write says how long to wait before reconnecting")
                .endsWith("api Posted 3\n\nid: 4\ndata: api Posted 4\n\n");
    }

    @Test
    void messagesThatArriveEarlyWaitForTheGapToFill() {
        Sink sink = subscribe(api, null);
        hub.accept(message(2));
        hub.accept(message(3));
        assertThat(sink.lines()).containsExactly("api History");
        hub.accept(message(1));
        assertThat(sink.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3");
    }

    @Test
    void aListenerAwayLongerThanTheReplayWindowStartsAfresh() {
        hub.replayWindow = 5;
        hub.historySize = 3;
        for (int id = 1; id <= 9; id++) {
            hub.accept(message(id));
        }
        Sink returning = subscribe(api, 2L);
        assertThat(returning.lines()).containsExactly("api History");
        assertThat(hub.newest(3)).extracting(ChatMessage::id).containsExactly("7", "8", "9");
    }

    @Test
    void aListenerThatFallsTooFarBehindIsDisconnectedAndFreesItsSlot() {
        List<Runnable> neverRun = new ArrayList<>();
        hub.writer = neverRun::add;
        hub.outboxSize = 10;
        Sink slow = new Sink();
        boolean[] released = {false};
        hub.subscribe(api, Filter.ALL, slow, null, () -> released[0] = true);
        for (int id = 1; id <= 20; id++) {
            hub.accept(message(id));
        }
        assertThat(released[0]).as("its slot is free at once").isTrue();
        assertThat(hub.listeners()).isZero();
        List.copyOf(neverRun).forEach(Runnable::run);
        assertThat(slow.isClosed()).as("the connection is closed on a writer thread").isTrue();
    }

    @Test
    void aReturningListenerGetsAllItMissedEvenWhenThatIsMoreThanTheOutboxHolds() {
        List<Runnable> pending = new ArrayList<>();
        subscribe(api, null);
        for (int id = 1; id <= 30; id++) {
            hub.accept(message(id));
        }
        hub.writer = pending::add;
        hub.outboxSize = 10;
        Sink returning = subscribe(api, 5L);
        for (int id = 31; id <= 35; id++) {
            hub.accept(message(id));
        }
        assertThat(hub.listeners()).as("25 missed and 5 live frames wait: only the live ones count").isEqualTo(2);
        List.copyOf(pending).forEach(Runnable::run);
        assertThat(returning.lines()).hasSize(30).startsWith("api Posted 6").endsWith("api Posted 35");
        assertThat(returning.isClosed()).isFalse();
    }

    @Test
    void aFilteredListenerGetsOnlyItsChannelsFromTheSameFrames() {
        Sink all = subscribe(api, null);
        Sink quiet = subscribe(api, Filter.channels(Set.of("quiet", "other")), null);
        hub.accept(List.of(message(1), message(2, "quiet"), message(3, "other"), message(4)));

        assertThat(all.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3", "api Posted 4");
        assertThat(quiet.lines()).containsExactly("api History", "api Posted 2", "api Posted 3");
        assertThat(api.rendered("Posted")).as("rendered once for both listeners").isEqualTo(4);
    }

    @Test
    void aQuietChannelResumesExactlyAfterBusierOnesPushedItOutOfTheSharedWindow() {
        hub.replayWindow = 5;
        hub.historySize = 3;
        hub.accept(message(1, "quiet"));
        for (int id = 2; id <= 20; id++) {
            hub.accept(message(id));
        }
        hub.accept(message(21, "quiet"));

        assertThat(subscribe(api, Filter.channels(Set.of("quiet")), 1L).lines()).as("missed only 21").containsExactly("api Posted 21");
        assertThat(subscribe(api, Filter.channels(Set.of("quiet")), 0L).lines()).containsExactly("api Posted 1", "api Posted 21");
        assertThat(subscribe(api, Filter.ALL, 1L).lines()).as("the whole room's window holds 16-21 only: a fresh history")
                .containsExactly("api History");
    }

    @Test
    void aFilteredListenerTooFarBehindGetsTheNewestOfItsChannelsAsHistory() {
        hub.replayWindow = 5;
        hub.historySize = 2;
        for (int id = 1; id <= 3; id++) {
            hub.accept(message(id, "quiet"));
        }
        for (int id = 4; id <= 20; id++) {
            hub.accept(message(id));
        }
        Recording history = new Recording();
        hub.subscribe(history, Filter.channels(Set.of("quiet")), new Sink(), 0L, () -> { });

        assertThat(history.histories).singleElement().extracting(h -> h.messages().stream().map(ChatMessage::id).toList())
                .isEqualTo(List.of("2", "3"));
        assertThat(hub.newest(10, Filter.channels(Set.of("quiet")))).extracting(ChatMessage::id).containsExactly("2", "3");
    }

    @Test
    void aStreamForOneAgentGetsOnlyWhatIsAddressedToIt() {
        Sink mine = subscribe(api, Filter.ALL.addressedTo("me"), null);
        hub.accept(List.of(message(1), addressedTo(2, "me"), addressedTo(3, "someone else")));
        assertThat(mine.lines()).containsExactly("api History", "api Posted 2");
        assertThat(subscribe(api, Filter.ALL.addressedTo("me"), 0L).lines()).as("resumed").containsExactly("api Posted 2");
    }

    @Test
    void aWaitIsAnsweredOnceByTheFirstMessagesItWantsAndNotAfterItStopped() {
        hub.accept(message(1));
        List<List<ChatMessage>> answers = new CopyOnWriteArrayList<>();
        hub.waitFor(Filter.ALL.addressedTo("me"), 1, answers::add);
        Runnable stop = hub.waitFor(Filter.channels(Set.of("quiet")), 1, answers::add);
        assertThat(hub.waiting()).isEqualTo(2);

        hub.accept(List.of(message(2), addressedTo(3, "me"), addressedTo(4, "me")));
        assertThat(answers).singleElement().satisfies(first -> assertThat(first).extracting(ChatMessage::id).containsExactly("3", "4"));
        stop.run();
        hub.accept(message(5, "quiet"));
        assertThat(answers).as("stopped waits hear nothing").hasSize(1);
        assertThat(hub.waiting()).isZero();

        hub.waitFor(Filter.ALL, 3, answers::add);
        assertThat(answers).as("what is there already answers at once").hasSize(2);
        assertThat(answers.get(1)).extracting(ChatMessage::id).containsExactly("4", "5");
    }

    private Sink subscribe(Format format, Long resumeAfter) {
        return subscribe(format, Filter.ALL, resumeAfter);
    }

    private Sink subscribe(Format format, Filter filter, Long resumeAfter) {
        Sink sink = new Sink();
        hub.subscribe(format, filter, sink, resumeAfter, () -> { });
        return sink;
    }

    private static ChatMessage message(long id) {
        return message(id, "general");
    }

    private static ChatMessage message(long id, String channel) {
        return new ChatMessage(Long.toString(id), "agent", "name", "🤖", "text " + id, channel, List.of(), null,
                "2026-11-28T13:45:12.123Z", false, null, null, Addressing.NONE);
    }

    private static ChatMessage addressedTo(long id, String agentId) {
        return message(id).with(new Addressing(List.of(agentId), null, null));
    }

    /** A format that keeps the histories it was asked to render. */
    private static final class Recording implements Format {

        private final List<ChatEvent.History> histories = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<Frame> frames(ChatEvent event) {
            if (event instanceof ChatEvent.History history) {
                histories.add(history);
            }
            return List.of();
        }
    }

    /** A format that counts its renderings and writes "format EventType [id]". */
    private static final class Counting implements Format {

        private final String name;
        private final boolean carriesPresence;
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        Counting(String name, boolean carriesPresence) {
            this.name = name;
            this.carriesPresence = carriesPresence;
        }

        int rendered(String type) {
            return counts.getOrDefault(type, new AtomicInteger()).get();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Frame> frames(ChatEvent event) {
            String type = event.getClass().getSimpleName();
            counts.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
            if (event instanceof ChatEvent.Presence && !carriesPresence) {
                return List.of();
            }
            String id = event instanceof ChatEvent.Posted posted ? posted.message().id() : null;
            return List.of(Frame.of(null, id, name + " " + type + (id == null ? "" : " " + id)));
        }
    }

    /** A stream that keeps what was sent to it, as the text of each frame, one event per write. */
    private static final class Sink implements SseEventSink {

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
}
