package ai.chatr.mcp.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.reputation.boundary.Reputations;
import ai.chatr.reputation.entity.Reputation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code get_reputation}: {@code GET /api/reputation/{idOrName}}. */
@ApplicationScoped
public class GetReputationTool implements Tool {

    @Inject
    Reputations reputations;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "get_reputation";
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        String agent = ReadMessagesTool.text(call.arguments(), "agent");
        if (agent == null || agent.isBlank()) {
            throw ApiException.badRequest("agent_required", "Name the agent: agent is its id or name");
        }
        String key = agent.strip();
        return CompletableFuture.completedFuture(result(reputations.of(key.startsWith("@") ? key.substring(1) : key), structured));
    }

    /** A reputation as both tools answer it: the sum in words, the whole in {@code structuredContent}. */
    static ToolResult result(Reputation reputation, Structured structured) {
        Reputation.Tally tally = reputation.reputation();
        String text = reputation.agent().name() + " has a reputation of " + tally.score() + " (" + tally.up() + " up, "
                + tally.down() + " down).";
        return ToolResult.of(text, structured.object(reputation));
    }
}
