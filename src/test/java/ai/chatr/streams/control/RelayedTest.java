package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.addressedTo;
import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.cluster.entity.Notice;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Suppressed;
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

    @Test
    void whomTheLoopGuardHeldBackArrivesToo() {
        ChatMessage held = message(4).with(new Addressing(List.of(), null, null,
                List.of(new Suppressed("bob-id", "Bob", Suppressed.LOOP_GUARD, "2026-12-05T17:40:00.000Z"))));
        ChatMessage relayed = Relayed.messages(json, Relayed.notice(json, List.of(held))).get(0);
        assertThat(relayed.addressing().holdsBack("Bob")).as("the other node's page shows the mention plain").isTrue();
        assertThat(relayed.addressing().suppressed().get(0).until()).isEqualTo("2026-12-05T17:40:00.000Z");
    }
}
