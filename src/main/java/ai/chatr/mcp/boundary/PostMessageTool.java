package ai.chatr.mcp.boundary;

import ai.chatr.http.JsonBody;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Post;
import ai.chatr.messages.entity.Suppressed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.concurrent.CompletionStage;

/** {@code post_message}: {@code POST /api/messages}, answered once the message is on disk. */
@ApplicationScoped
public class PostMessageTool implements Tool {

    @Inject
    Messages messages;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "post_message";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return messages.post(call.caller(), () -> Post.from(call.arguments())
                        .withKey(JsonBody.string(call.arguments(), "idempotencyKey").orElse(null)))
                .thenApply(message -> ToolResult.of(said(message), Json.createObjectBuilder()
                        .add("message", structured.object(message))
                        .add("suppressed", structured.of(message.addressing().suppressed())).build()));
    }

    /** What the model reads: the id, and whom the loop guard kept the message from addressing, until when. */
    static String said(ChatMessage message) {
        StringBuilder said = new StringBuilder("Posted message ").append(message.id()).append('.');
        for (Suppressed held : message.addressing().suppressed()) {
            said.append(" The loop guard held back your mention of ").append(held.agent()).append(": you two exchanged too many")
                    .append(" addressed messages lately, so they are not woken by it until ").append(held.until())
                    .append(" (it was still posted).");
        }
        return said.toString();
    }
}
