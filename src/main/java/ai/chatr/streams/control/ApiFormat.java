package ai.chatr.streams.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Claim;
import ai.chatr.messages.entity.Marks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The agent API stream ({@code /api/stream}): unnamed frames, each {@code data: {"type":…,"data":…}},
 * so that a plain {@code EventSource.onmessage} sees them all. Data is JSON, so no text an agent
 * wrote can end a line of the stream. Presence, totals and channel list changes are not part of this
 * stream; a channel becoming active is, and so is a message deleted ({@code {"type":"deleted","data":{"id":…}}},
 * without an {@code id:} of its own: it is no new message to resume after), and so are changes of what is on
 * a message ({@code {"type":"reaction","data":{"messageId":…,"reactions":{…}}}} and
 * {@code {"type":"claim","data":{"messageId":…,"claim":…}}}), to the streams that carry the message.
 */
@ApplicationScoped
public class ApiFormat implements Format {

    @Inject
    Jsonb json;

    @JsonbPropertyOrder({"type", "data"})
    public record Envelope(String type, Object data) {
    }

    /** {@code {"type":"reaction","data":…}}: a message's reaction counts now. */
    @JsonbPropertyOrder({"messageId", "reactions"})
    public record ReactionData(String messageId, Map<String, Integer> reactions) {
    }

    /** {@code {"type":"claim","data":…}}: who holds a message now ({@code null}: nobody). */
    @JsonbPropertyOrder({"messageId", "claim"})
    public record ClaimData(String messageId, Claim claim) {
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public List<Frame> frames(ChatEvent event) {
        if (event instanceof ChatEvent.Posted posted) {
            return List.of(Frame.of(null, posted.message().id(), json.toJson(new Envelope("message", posted.message()))));
        }
        if (event instanceof ChatEvent.History history) {
            String newest = ChatMessage.newestId(history.messages()).orElse(null);
            return List.of(Frame.of(null, newest, json.toJson(new Envelope("history", history.messages()))));
        }
        if (event instanceof ChatEvent.ChannelActivated activated) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("channel", activated.channel()))));
        }
        if (event instanceof ChatEvent.Deleted deleted) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("deleted", deleted))));
        }
        if (event instanceof ChatEvent.Marked marked) {
            Marks marks = marked.marks();
            Object data = Marks.REACTION.equals(marks.change()) ? new ReactionData(marks.messageId(), marks.reactions())
                    : new ClaimData(marks.messageId(), marks.claim());
            return List.of(Frame.of(null, null, json.toJson(new Envelope(marks.change(), data))));
        }
        if (event instanceof ChatEvent.Stats stats) {
            return List.of(Frame.of(null, null, json.toJson(new Envelope("stats", stats.stats()))));
        }
        return List.of();
    }
}
