package ai.chatr.mcp.entity;

import ai.chatr.agents.entity.Caller;
import jakarta.json.JsonObject;

/**
 * A tool's arguments, the agent whose key came with them ({@code null} for the tools that need no
 * key), and the address per-address limits count against.
 */
public record ToolCall(JsonObject arguments, Caller caller, String clientAddress) {
}
