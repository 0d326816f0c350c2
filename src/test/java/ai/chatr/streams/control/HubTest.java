package ai.chatr.streams.control;

import java.util.Map;
import java.time.Instant;
import ai.chatr.messages.entity.Claim;
import ai.chatr.messages.entity.Marks;
import static ai.chatr.streams.control.Messages.addressedTo;
import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.stats.control.RoomStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub without a container, its parts together: messages reach the streams in id order, once
 * each, rendered once per format however many listeners it has; replays reuse what was rendered;
 * deletions reach every stream. Each part has its own test: {@link ArrivalsTest}, {@link RecentTest},
 * {@link FanoutTest}, {@link ReconciliationTest}.
 */
class HubTest {

    private Hub hub;
    private Counting api;
    private Counting html;

    /** Claims' ends, run when a test says so. */
    private final ClaimEndsByHand claimEnds = new ClaimEndsByHand();

    @BeforeEach
    void hub() {
        hub = new Hub();
        hub.recent = new Recent(1000, 100);
        hub.fanout = new Fanout(Runnable::run, 2000, Deliveries.NONE);
        hub.claims = new ClaimEnds(claimEnds::schedule, hub::claimEnded);
        api = new Counting("api", false);
        html = new Counting("html", true);
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
    void aBatchGoesOutInIdOrderWhateverOrderItCameIn() {
        Sink sink = subscribe(api, null);
        hub.accept(List.of(message(2), message(1), message(4)));
        hub.accept(List.of(message(3), message(2)));
        assertThat(sink.lines()).containsExactly("api History", "api Posted 1", "api Posted 2", "api Posted 3", "api Posted 4");
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
    void aReturningListenerGetsAllItMissedEvenWhenThatIsMoreThanTheOutboxHolds() {
        List<Runnable> pending = new ArrayList<>();
        subscribe(api, null);
        for (int id = 1; id <= 30; id++) {
            hub.accept(message(id));
        }
        hub.fanout.writer = pending::add;
        hub.fanout.outboxSize = 10;
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

    @Test
    void marksReplaceTheMessageInMemoryAndGoOnlyToTheStreamsThatCarryIt() {
        Sink everything = subscribe(api, null);
        Sink elsewhere = subscribe(api, Filter.channels(Set.of("other")), null);
        hub.accept(message(1));
        hub.mark(reactions(1, 1, Map.of("👍", 1)));
        assertThat(everything.lines()).containsExactly("api History", "api Posted 1", "api Marked");
        assertThat(elsewhere.lines()).as("not of its channel").containsExactly("api History");
        assertThat(hub.newest(10).get(0).reactions()).isEqualTo(Map.of("👍", 1));
        assertThat(subscribe(api, 0L).lines()).as("a resume renders the message as it is now").containsExactly("api Posted 1");

        hub.mark(reactions(1, 3, Map.of("👍", 3)));
        hub.mark(reactions(1, 2, Map.of("👍", 2)));
        hub.mark(reactions(1, 3, Map.of("👍", 3)));
        assertThat(everything.lines()).as("an older version, or the same again, is no news")
                .containsExactly("api History", "api Posted 1", "api Marked", "api Marked");
        assertThat(hub.newest(10).get(0).reactions()).isEqualTo(Map.of("👍", 3));
    }

    @Test
    void marksThatArriveBeforeTheirMessageComeWithIt() {
        Sink everything = subscribe(api, null);
        hub.accept(message(1));
        hub.mark(reactions(2, 1, Map.of("🎉", 1)));
        assertThat(everything.lines()).containsExactly("api History", "api Posted 1");
        hub.accept(message(2));
        assertThat(everything.lines()).containsExactly("api History", "api Posted 1", "api Posted 2");
        assertThat(hub.newest(10).get(1).reactions()).isEqualTo(Map.of("🎉", 1));
    }

    @Test
    void aClaimThatRunsOutLeavesAndTheStreamsAreToldUnlessItWasRenewed() {
        Sink everything = subscribe(api, null);
        hub.accept(message(1));
        hub.mark(claim(1, 1));
        hub.mark(claim(1, 2));
        assertThat(claimEnds.runAll()).as("the first claim's end was replaced by the renewal's").isEqualTo(1);
        assertThat(everything.lines()).containsExactly("api History", "api Posted 1", "api Marked", "api Marked", "api Marked");
        assertThat(hub.newest(10).get(0).claim()).isNull();
        assertThat(hub.newest(10).get(0).marks()).isEqualTo(2);
    }

    private static Marks reactions(long id, long version, Map<String, Integer> counts) {
        return new Marks(Long.toString(id), "general", List.of(), version, counts, null, Marks.REACTION);
    }

    private static Marks claim(long id, long version) {
        return new Marks(Long.toString(id), "general", List.of(), version, Map.of(),
                new Claim("agent", "name", null, Instant.now().plusSeconds(600).toString()), Marks.CLAIM);
    }

    private Sink subscribe(Format format, Long resumeAfter) {
        return subscribe(format, Filter.ALL, resumeAfter);
    }

    private Sink subscribe(Format format, Filter filter, Long resumeAfter) {
        Sink sink = new Sink();
        hub.subscribe(format, filter, sink, resumeAfter, () -> { });
        return sink;
    }
}
