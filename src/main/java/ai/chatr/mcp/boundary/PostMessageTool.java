package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.messages.entity.Post;
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
        return messages.post(call.caller(), Post.from(call.arguments()))
                .thenApply(message -> ToolResult.of("Posted message " + message.id() + ".",
                        Json.createObjectBuilder().add("message", structured.object(message)).build()));
    }
}
