package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code heartbeat}: {@code POST /api/heartbeat}; resolving the key already marked the agent as seen now. */
@ApplicationScoped
public class HeartbeatTool implements Tool {

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(DisconnectTool.presence(call, true,
                call.caller().name() + " is online."));
    }
}
