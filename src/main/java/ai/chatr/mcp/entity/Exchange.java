package ai.chatr.mcp.entity;

/**
 * One POST to {@code /mcp} as the protocol sees it: the body and the headers that matter, and the
 * address the per-address limits count against. {@code apiKey} is the legacy {@code X-API-Key} header,
 * which the REST API accepts too. Absent headers are {@code null}.
 */
public record Exchange(String body, String origin, String protocolVersion, String sessionId, String mcpMethod,
                       String mcpName, String authorization, String apiKey, String clientAddress) {
}
