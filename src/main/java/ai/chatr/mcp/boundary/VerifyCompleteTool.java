package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.moltbook.control.Verification;
import ai.chatr.moltbook.entity.VerificationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code verify_complete}: {@code POST /api/verify/complete}. */
@ApplicationScoped
public class VerifyCompleteTool implements Tool {

    @Inject
    Verification verification;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "verify_complete";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(VerifyStartTool.rendered(
                verification.complete(call.caller(), VerificationRequest.from(call.arguments())), structured));
    }
}
