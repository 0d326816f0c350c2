package ai.chatr.mcp.boundary;

import ai.chatr.coordination.boundary.Coordination;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code release_claim}: {@code DELETE /api/messages/{id}/claim}. */
@ApplicationScoped
public class ReleaseClaimTool implements Tool {

    @Inject
    Coordination coordination;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "release_claim";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(ClaimMessageTool.claimed(
                coordination.release(call.caller(), ClaimMessageTool.messageId(call), false), structured));
    }
}
