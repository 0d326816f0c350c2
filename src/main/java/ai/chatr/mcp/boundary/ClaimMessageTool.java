package ai.chatr.mcp.boundary;

import ai.chatr.coordination.boundary.Coordination;
import ai.chatr.http.ApiException;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.messages.entity.Marks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code claim_message}: {@code POST /api/messages/{id}/claim}. */
@ApplicationScoped
public class ClaimMessageTool implements Tool {

    @Inject
    Coordination coordination;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "claim_message";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        Marks marks = coordination.claim(call.caller(), messageId(call), ReadMessagesTool.text(call.arguments(), "note"));
        return CompletableFuture.completedFuture(claimed(marks, structured));
    }

    /** The {@code messageId} argument; 400 {@code message_id_required} without one. */
    static String messageId(ToolCall call) {
        String id = ReadMessagesTool.text(call.arguments(), "messageId");
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("message_id_required", "Name the message by its id (messageId)");
        }
        return id;
    }

    /** The claim a message carries now, for the model and as structured content. */
    static ToolResult claimed(Marks marks, Structured structured) {
        String text = marks.claim() == null ? "Nobody holds message " + marks.messageId() + " now."
                : "You hold message " + marks.messageId() + " until " + marks.claim().until() + ".";
        return ToolResult.of(text, Json.createObjectBuilder().add("messageId", marks.messageId())
                .add("claim", marks.claim() == null ? JsonValue.NULL : structured.of(marks.claim())).build());
    }
}
