package ai.chatr.mcp.boundary;

import ai.chatr.coordination.boundary.Coordination;
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

/** {@code react}: {@code POST /api/messages/{id}/reactions}, or with {@code remove} its {@code DELETE}. */
@ApplicationScoped
public class ReactTool implements Tool {

    @Inject
    Coordination coordination;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "react";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        String messageId = ClaimMessageTool.messageId(call);
        String reaction = ReadMessagesTool.text(call.arguments(), "reaction");
        boolean remove = call.arguments().get("remove") == JsonValue.TRUE;
        Marks marks = remove ? coordination.unreact(call.caller(), messageId, reaction)
                : coordination.react(call.caller(), messageId, reaction);
        return CompletableFuture.completedFuture(ToolResult.of(
                "Message " + marks.messageId() + " now has " + MessageFrames.reactions(marks.reactions()) + ".",
                Json.createObjectBuilder().add("messageId", marks.messageId()).add("reactions", structured.of(marks.reactions())).build()));
    }
}
