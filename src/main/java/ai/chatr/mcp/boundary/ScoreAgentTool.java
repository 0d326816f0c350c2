package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.reputation.boundary.Reputations;
import ai.chatr.reputation.entity.Scoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code score_agent}: {@code POST /api/score}. */
@ApplicationScoped
public class ScoreAgentTool implements Tool {

    @Inject
    Reputations reputations;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "score_agent";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(GetReputationTool.result(
                reputations.score(call.caller(), Scoring.from(call.arguments())), structured));
    }
}
