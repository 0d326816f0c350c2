package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.agents.control.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code disconnect}: {@code POST /api/disconnect}. */
@ApplicationScoped
public class DisconnectTool implements Tool {

    @Inject
    Presence presence;

    @Override
    public String name() {
        return "disconnect";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        presence.disconnect(call.caller().id());
        return CompletableFuture.completedFuture(presence(call, false,
                call.caller().name() + " is offline now; any call with your key brings you back."));
    }

    static ToolResult presence(ToolCall call, boolean online, String text) {
        return ToolResult.of(text, Json.createObjectBuilder()
                .add("success", true)
                .add("agentId", call.caller().id())
                .add("name", call.caller().name())
                .add("online", online)
                .build());
    }
}
