package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.message;
import static ai.chatr.streams.control.Messages.quotingReply;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The replay window: a returning stream resumes from memory exactly after its last id, per channel
 * however busy the others are; one away too long gets a fresh history; histories are rendered once.
 */
class RecentTest {

    private static final Filter QUIET = Filter.channels(Set.of("quiet"));

    private Recent recent = new Recent(1000, 100);
    private long lastId;

    @Test
    void repliesToADeletedMessageStopQuotingIt() {
        Recording format = new Recording();
        remember(message(1));
        remember(quotingReply(2, 1));
        recent.forget(1);
        recent.unquote(List.of(1L));
        assertThat(recent.newest(10, Filter.ALL)).singleElement().satisfies(reply -> {
            assertThat(reply.replyTo()).isEqualTo("1");
            assertThat(reply.addressing().replyQuote()).isNull();
            assertThat(reply.addressing().replyToAgentName()).isEqualTo("name");
        });
        assertThat(recent.newest(10, Filter.channels(Set.of("general")))).as("in its channel's memory too")
                .extracting(reply -> reply.addressing().replyQuote()).containsOnlyNulls();
        recent.history(format, Filter.ALL);
        assertThat(format.histories.get(0).messages()).extracting(m -> m.addressing().replyQuote()).containsOnlyNulls();
    }

    @Test
    void historyIsRenderedOnceUntilTheNextMessage() {
        Counting html = new Counting("html", true);
        recent.history(html, Filter.ALL);
        recent.history(html, Filter.ALL);
        assertThat(html.rendered("History")).isEqualTo(1);
        remember(message(1));
        recent.history(html, Filter.ALL);
        assertThat(html.rendered("History")).isEqualTo(2);
        assertThat(recent.newest(10, Filter.ALL)).extracting(ChatMessage::id).containsExactly("1");
    }

    @Test
    void aListenerAwayLongerThanTheReplayWindowStartsAfresh() {
        recent = new Recent(5, 3);
        for (int id = 1; id <= 9; id++) {
            remember(message(id));
        }
        assertThat(recent.missed(Filter.ALL, 2, lastId)).as("a fresh history").isNull();
        assertThat(recent.newest(3, Filter.ALL)).extracting(ChatMessage::id).containsExactly("7", "8", "9");
    }

    @Test
    void aQuietChannelResumesExactlyAfterBusierOnesPushedItOutOfTheSharedWindow() {
        recent = new Recent(5, 3);
        remember(message(1, "quiet"));
        for (int id = 2; id <= 20; id++) {
            remember(message(id));
        }
        remember(message(21, "quiet"));

        assertThat(ids(recent.missed(QUIET, 1, lastId))).as("missed only 21").containsExactly(21L);
        assertThat(ids(recent.missed(QUIET, 0, lastId))).containsExactly(1L, 21L);
        assertThat(recent.missed(Filter.ALL, 1, lastId)).as("the whole room's window holds 16-21 only: a fresh history").isNull();
    }

    @Test
    void aFilteredListenerTooFarBehindGetsTheNewestOfItsChannelsAsHistory() {
        recent = new Recent(5, 2);
        for (int id = 1; id <= 3; id++) {
            remember(message(id, "quiet"));
        }
        for (int id = 4; id <= 20; id++) {
            remember(message(id));
        }
        assertThat(recent.missed(QUIET, 0, lastId)).isNull();
        Recording history = new Recording();
        recent.history(history, QUIET);

        assertThat(history.histories).singleElement().extracting(h -> h.messages().stream().map(ChatMessage::id).toList())
                .isEqualTo(List.of("2", "3"));
        assertThat(recent.newest(10, QUIET)).extracting(ChatMessage::id).containsExactly("2", "3");
    }

    @Test
    void whatIsLoadedAtStartResumesPerChannelFromItsFloor() {
        recent = new Recent(5, 2);
        recent.load(List.of(message(7), message(8), message(9)),
                Map.of("quiet", List.of(message(2, "quiet"), message(4, "quiet")), "general", List.of(message(8), message(9)),
                        "empty", List.of()));
        lastId = 9;
        assertThat(ids(recent.missed(QUIET, 1, lastId))).as("all of quiet after 1 is kept").containsExactly(2L, 4L);
        assertThat(recent.missed(QUIET, 0, lastId)).as("below the floor").isNull();
        assertThat(ids(recent.missed(Filter.channels(Set.of("empty")), 0, lastId))).isEmpty();
        assertThat(ids(recent.missed(Filter.ALL, 6, lastId))).containsExactly(7L, 8L, 9L);
        assertThat(recent.missed(Filter.ALL, 5, lastId)).isNull();
    }

    @Test
    void aForgottenMessageLeavesTheRoomsWindowAndItsChannels() {
        remember(message(1, "quiet"));
        remember(message(2));
        assertThat(recent.forget(1)).isTrue();
        assertThat(recent.forget(3)).as("never here").isFalse();
        assertThat(recent.newest(10, Filter.ALL)).extracting(ChatMessage::id).containsExactly("2");
        assertThat(recent.newest(10, QUIET)).isEmpty();
        assertThat(recent.after(0, Filter.ALL)).extracting(ChatMessage::id).containsExactly("2");
    }

    private void remember(ChatMessage message) {
        recent.remember(message);
        lastId = Long.parseLong(message.id());
    }

    private static List<Long> ids(List<Delivered> delivered) {
        return delivered.stream().map(Delivered::id).toList();
    }
}
