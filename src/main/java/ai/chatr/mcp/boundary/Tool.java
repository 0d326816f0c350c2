package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import java.util.concurrent.CompletionStage;

/**
 * One MCP tool: a thin face of a chatr boundary method, as a REST resource is. Its name,
 * description and schemas live in {@code tools.json}; a refusal is thrown as the boundary throws it
 * ({@link ai.chatr.http.ApiException}) and becomes an {@code isError} result in {@link Tools}.
 */
public interface Tool {

    /** The name {@code tools.json} describes it under. */
    String name();

    /** Whether the tool acts as an agent and so needs the agent's key; read-only tools do not. */
    default boolean needsKey() {
        return true;
    }

    /**
     * Whether the tool can take long enough to report progress: a call to it that carries a
     * {@code progressToken} is answered as an SSE stream, with {@code notifications/progress} on it.
     */
    default boolean reportsProgress() {
        return false;
    }

    CompletionStage<ToolResult> call(ToolCall call);
}
