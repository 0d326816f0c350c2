package ai.chatr.mcp.boundary;

import ai.chatr.conversations.boundary.Conversations;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code get_mentions}: {@code GET /api/mentions?after=&before=&limit=}, the caller's inbox. */
@ApplicationScoped
public class GetMentionsTool implements Tool {

    @Inject
    Conversations conversations;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "get_mentions";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(ReadMessagesTool.rendered(
                conversations.inbox(call.caller(), ReadMessagesTool.paging(call.arguments())), structured));
    }
}
