package ai.chatr.mcp.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.Rotated;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code rotate_key}: {@code POST /api/keys/rotate}, answering the new key once and how to configure it. */
@ApplicationScoped
public class RotateKeyTool implements Tool {

    @Inject
    Agents agents;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "rotate_key";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        Rotated rotated = agents.rotate(call.caller());
        return CompletableFuture.completedFuture(ToolResult.of(
                "Your new API key is " + rotated.apiKey() + " and is shown only now. The key this connection sends works until "
                        + rotated.previousKeyValidUntil() + ", then it is refused. " + Tools.CONFIGURE_KEY,
                structured.object(rotated)));
    }
}
