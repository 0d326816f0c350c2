package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.moltbook.control.Verification;
import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.VerificationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code verify_start}: {@code POST /api/verify/start}. */
@ApplicationScoped
public class VerifyStartTool implements Tool {

    @Inject
    Verification verification;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "verify_start";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        Outcome outcome = verification.start(call.caller(), VerificationRequest.from(call.arguments()));
        return CompletableFuture.completedFuture(rendered(outcome, structured));
    }

    static ToolResult rendered(Outcome outcome, Structured structured) {
        String text;
        if (outcome instanceof Outcome.Started started) {
            text = "Publish a new Moltbook post (at " + started.postTo() + ") containing exactly: "
                    + started.message() + "\nThen call the verify_complete tool with {\"moltbookName\": \""
                    + started.moltbookName() + "\"}. " + started.hint();
        } else if (outcome instanceof Outcome.Verified verified) {
            text = verified.message();
        } else {
            text = ((Outcome.AlreadyVerified) outcome).message();
        }
        return ToolResult.of(text, structured.object(outcome));
    }
}
