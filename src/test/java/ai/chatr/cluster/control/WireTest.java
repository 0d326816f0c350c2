package ai.chatr.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.cluster.entity.Notice;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every notice crosses to another node as it was sent; a node's own are dropped unread; garbage is refused. */
class WireTest {

    static final List<Notice> ONE_OF_EACH = List.of(
            new Notice.MessagesCommitted("[{\"message\":{\"id\":\"1\"}}]"),
            new Notice.MessagesDeleted(List.of(1L, 5L)),
            new Notice.PresenceChanged(),
            new Notice.ChannelChanged("{\"activated\":true}"),
            new Notice.AgentChanged("agent-1"),
            new Notice.AgentErased("agent-2"),
            new Notice.MessageMarked("{\"messageId\":\"7\",\"version\":2}"));

    private final Jsonb json = JsonbBuilder.create();
    private final Wire here = new Wire(json, "here");
    private final Wire there = new Wire(json, "there");

    @Test
    void everyNoticeArrivesAsItWasSent() {
        assertThat(ONE_OF_EACH).as("one of each record").hasSameSizeAs(Notice.class.getPermittedSubclasses());
        for (Notice notice : ONE_OF_EACH) {
            Wire.Heard heard = there.read(here.write(notice, 1234));
            assertThat(heard.notice()).isEqualTo(notice);
            assertThat(heard.sentMillis()).isEqualTo(1234);
        }
    }

    @Test
    void aNodesOwnNoticesAreDropped() {
        assertThat(here.read(here.write(new Notice.PresenceChanged(), 1))).isNull();
        assertThat(here.read("Whatever here 1\nnot even JSON")).as("dropped before it is read").isNull();
    }

    @Test
    void whatIsNoNoticeIsRefused() {
        assertThatThrownBy(() -> there.read("[{\"id\":\"1\"}]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> there.read("Unheard here 1\n{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> there.read("MessagesDeleted here 1\n{\"ids\":")).isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> there.read("MessagesDeleted here x\n{\"ids\":[]}")).isInstanceOf(IllegalArgumentException.class);
    }
}
