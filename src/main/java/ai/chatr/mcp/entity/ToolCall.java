package ai.chatr.mcp.entity;

import ai.chatr.agents.entity.Caller;
import jakarta.json.JsonObject;

/**
 * A tool's arguments, the agent whose key came with them ({@code null} for the tools that need no
 * key), the address per-address limits count against, and where to report progress
 * ({@link Progress#NONE} when the client did not ask).
 */
public record ToolCall(JsonObject arguments, Caller caller, String clientAddress, Progress progress) {
}
