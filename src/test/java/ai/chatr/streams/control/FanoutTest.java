package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Handing frames to the streams: rendered once per format, filtered per stream, batched into one
 * write, a stream that falls behind dropped; what was replayed is not handed over again.
 */
class FanoutTest {

    private final Fanout fanout = new Fanout(Runnable::run, 2000, Deliveries.NONE);
    private final Counting api = new Counting("api", false);

    @Test
    void framesThatWaitForAStreamGoOutAsOneWrite() throws IOException {
        List<Runnable> pending = new ArrayList<>();
        fanout.writer = pending::add;
        Sink sink = start(Filter.ALL);
        fanout.deliver(delivered(1, 2));
        fanout.deliver(delivered(3));
        assertThat(pending).as("one write scheduled for the stream, however many frames wait").hasSize(1);
        List.copyOf(pending).forEach(Runnable::run);

        assertThat(sink.writes()).isEqualTo(1);
        assertThat(sink.wire()).isEqualTo("retry: 3000\ndata: api History\n\n"
                + "id: 1\ndata: api Posted 1\n\nid: 2\ndata: api Posted 2\n\nid: 3\ndata: api Posted 3\n\n");

        pending.clear();
        fanout.deliver(delivered(4));
        List.copyOf(pending).forEach(Runnable::run);
        assertThat(sink.wire()).as("only a stream's first write says how long to wait before reconnecting")
                .endsWith("api Posted 3\n\nid: 4\ndata: api Posted 4\n\n");
    }

    @Test
    void aListenerThatFallsTooFarBehindIsDisconnectedAndFreesItsSlot() {
        List<Runnable> neverRun = new ArrayList<>();
        fanout.writer = neverRun::add;
        fanout.outboxSize = 10;
        Sink slow = new Sink();
        boolean[] released = {false};
        fanout.start(fanout.open(api, Filter.ALL, slow, () -> released[0] = true), List.of(), 0);
        for (int id = 1; id <= 20; id++) {
            fanout.deliver(delivered(id));
        }
        assertThat(released[0]).as("its slot is free at once").isTrue();
        assertThat(fanout.listeners()).isZero();
        List.copyOf(neverRun).forEach(Runnable::run);
        assertThat(slow.isClosed()).as("the connection is closed on a writer thread").isTrue();
    }

    @Test
    void aFilteredListenerGetsOnlyItsChannelsFromTheSameFrames() {
        Sink all = start(Filter.ALL);
        Sink quiet = start(Filter.channels(Set.of("quiet", "other")));
        fanout.deliver(Stream.of(message(1), message(2, "quiet"), message(3, "other"), message(4)).map(Delivered::new).toList());

        assertThat(all.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3", "api Posted 4");
        assertThat(quiet.lines()).containsExactly("api History", "api Posted 2", "api Posted 3");
        assertThat(api.rendered("Posted")).as("rendered once for both listeners").isEqualTo(4);
    }

    @Test
    void anErasedAgentsStreamsAndWaitsEndAndNobodyElses() {
        Sink mine = start(new Filter(null, "erased"));
        Sink theirs = start(new Filter(null, "other"));
        Sink room = start(Filter.ALL);
        List<List<ChatMessage>> answered = new CopyOnWriteArrayList<>();
        fanout.await(new Filter(null, "erased"), 0, answered::add);
        fanout.await(new Filter(null, "other"), 0, answered::add);

        fanout.closeFor("erased");

        assertThat(mine.isClosed()).isTrue();
        assertThat(theirs.isClosed()).isFalse();
        assertThat(room.isClosed()).isFalse();
        assertThat(fanout.listeners()).isEqualTo(2);
        assertThat(answered).as("its wait answered with nothing").containsExactly(List.of());
        assertThat(fanout.waiting()).isEqualTo(1);
    }

    @Test
    void whatAReturningStreamWasReplayedIsNotHandedOverAgain() {
        List<Delivered> oneToThree = delivered(1, 2, 3);
        Sink returning = new Sink();
        fanout.resume(fanout.open(api, Filter.ALL, returning, () -> { }), oneToThree.subList(1, 3), 3);
        fanout.deliver(oneToThree);
        fanout.deliver(delivered(4));
        assertThat(returning.lines()).containsExactly("api Posted 2", "api Posted 3", "api Posted 4");
        assertThat(api.rendered("Posted")).as("each rendered once, 1 never").isEqualTo(3);
    }

    @Test
    void anEventIsRenderedOncePerFormatAndAHeartbeatReachesEveryStream() {
        Sink first = start(Filter.ALL);
        Sink second = start(Filter.channels(Set.of("quiet")));
        fanout.broadcast(new ChatEvent.Deleted("7"));
        fanout.heartbeat();
        assertThat(api.rendered("Deleted")).isEqualTo(1);
        assertThat(first.lines()).containsExactly("api History", "api Deleted", ":");
        assertThat(second.lines()).containsExactly("api History", "api Deleted", ":");
    }

    @Test
    void aWaitIsAnsweredOnceWithWhatItWantsAfterItsId() {
        List<List<ChatMessage>> answers = new CopyOnWriteArrayList<>();
        fanout.await(Filter.channels(Set.of("quiet")), 2, answers::add);
        Runnable stop = fanout.await(Filter.ALL, 0, answers::add);
        stop.run();
        fanout.deliver(Stream.of(message(2, "quiet"), message(3), message(4, "quiet")).map(Delivered::new).toList());
        fanout.deliver(List.of(new Delivered(message(5, "quiet"))));
        assertThat(answers).singleElement().satisfies(first -> assertThat(first).extracting(ChatMessage::id).containsExactly("4"));
        assertThat(fanout.waiting()).isZero();
    }

    private Sink start(Filter filter) {
        Sink sink = new Sink();
        fanout.start(fanout.open(api, filter, sink, () -> { }), api.frames(new ChatEvent.History(List.of())), 0);
        return sink;
    }

    private static List<Delivered> delivered(long... ids) {
        List<Delivered> delivered = new ArrayList<>();
        for (long id : ids) {
            delivered.add(new Delivered(message(id)));
        }
        return delivered;
    }
}
