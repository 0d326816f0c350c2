package ai.chatr.mcp.entity;

/**
 * One POST to {@code /mcp} as the protocol sees it: the body and the headers that matter, and the
 * address the per-address limits count against. Absent headers are {@code null}.
 */
public record Exchange(String body, String origin, String protocolVersion, String sessionId, String mcpMethod,
                       String mcpName, String authorization, String clientAddress) {
}
