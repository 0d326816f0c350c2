package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.addressedTo;
import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.cluster.entity.Notice;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A committed batch reaches the other nodes whole: in order, with whom each message addresses. */
class RelayedTest {

    private final Jsonb json = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Test
    void aBatchArrivesWithItsAddressing() {
        List<ChatMessage> batch = List.of(message(1), addressedTo(2, "me"), message(3, "quiet"));
        Notice.MessagesCommitted notice = Relayed.notice(json, batch);
        assertThat(Relayed.messages(json, notice)).isEqualTo(batch);
        assertThat(Relayed.messages(json, notice).get(1).addressing().addresses("me")).isTrue();
    }
}
