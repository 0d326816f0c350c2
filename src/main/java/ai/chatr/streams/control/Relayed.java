package ai.chatr.streams.control;

import ai.chatr.cluster.entity.Notice;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as relayed to the other nodes: with whom it addresses, which its JSON as agents see it
 * leaves out. A committed batch travels as one {@link Notice.MessagesCommitted}, a JSON array of these in id order.
 */
public record Relayed(ChatMessage message, Addressing addressing) {

    private static final Type BATCH = new ArrayList<Relayed>() { }.getClass().getGenericSuperclass();

    static Notice.MessagesCommitted notice(Jsonb json, List<ChatMessage> messages) {
        return new Notice.MessagesCommitted(json.toJson(messages.stream().map(m -> new Relayed(m, m.addressing())).toList(), BATCH));
    }

    static List<ChatMessage> messages(Jsonb json, Notice.MessagesCommitted notice) {
        return json.<List<Relayed>>fromJson(notice.messages(), BATCH).stream()
                .map(relayed -> relayed.message().with(relayed.addressing()))
                .toList();
    }
}
