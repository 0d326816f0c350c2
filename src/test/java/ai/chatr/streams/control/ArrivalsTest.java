package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arriving messages come out in id order, each once; what comes early waits for the gap; tombstones are stepped over. */
class ArrivalsTest {

    private final Arrivals arrivals = new Arrivals();

    @Test
    void messagesComeOutInIdOrderOnceEach() {
        assertThat(arrive(message(2))).isEmpty();
        assertThat(arrive(message(1))).containsExactly("1", "2");
        assertThat(arrive(message(2))).as("already out").isEmpty();
        assertThat(arrive(message(3))).containsExactly("3");
        assertThat(arrivals.lastId()).isEqualTo(3);
    }

    @Test
    void aBatchComesOutInIdOrderWhateverOrderItCameIn() {
        assertThat(arrive(message(2), message(1), message(4))).containsExactly("1", "2");
        assertThat(arrive(message(3), message(2))).containsExactly("3", "4");
    }

    @Test
    void messagesThatArriveEarlyWaitForTheGapToFill() {
        assertThat(arrive(message(2), message(3))).isEmpty();
        assertThat(arrive(message(1))).containsExactly("1", "2", "3");
    }

    @Test
    void aTombstoneIsSteppedOverAndWhatWaitedForItComesOut() {
        arrive(message(1));
        assertThat(arrive(message(3))).isEmpty();
        assertThat(arrivals.tombstone(2)).as("not waiting here").isFalse();
        assertThat(arrive()).containsExactly("3");
        assertThat(arrivals.tombstone(5)).isFalse();
        assertThat(arrive(message(6))).isEmpty();
        assertThat(arrivals.tombstone(6)).as("it was waiting here").isTrue();
        assertThat(arrive(message(4), message(7))).as("5 and 6 stepped over, 6 never out").containsExactly("4", "7");
    }

    @Test
    void tombstonesTheDatabaseReportsAreSteppedOverOnlyIfNotPassed() {
        arrive(message(1), message(2));
        arrivals.stepOver(List.of(2L, 3L, 4L));
        assertThat(arrive(message(5))).containsExactly("5");
        assertThat(arrivals.lastId()).isEqualTo(5);
    }

    @Test
    void aRestartBeginsAfterTheNewestStoredMessageAndForgetsTombstones() {
        arrivals.tombstone(3);
        arrivals.restart(1);
        assertThat(arrive(message(1))).as("stored already").isEmpty();
        assertThat(arrive(message(2))).containsExactly("2");
        assertThat(arrive(message(4))).as("3 is no longer a tombstone here").isEmpty();
    }

    private List<String> arrive(ChatMessage... messages) {
        arrivals.add(List.of(messages));
        List<String> out = new ArrayList<>();
        for (ChatMessage next = arrivals.next(); next != null; next = arrivals.next()) {
            out.add(next.id());
        }
        return out;
    }
}
