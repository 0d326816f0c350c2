package ai.chatr.mcp.entity;

/**
 * One POST to {@code /mcp} as the protocol sees it: the body and the headers that matter, the
 * address the per-address limits count against, and where notifications about it go
 * ({@link Notifier#NONE} when it is answered with one JSON object). {@code apiKey} is the legacy
 * {@code X-API-Key} header, which the REST API accepts too. Absent headers are {@code null}.
 */
public record Exchange(String body, String origin, String protocolVersion, String sessionId, String mcpMethod,
                       String mcpName, String authorization, String apiKey, String clientAddress, Notifier notifier) {

    /** The same POST with another body, answered with one JSON object (a message of a batch). */
    public Exchange carrying(String message) {
        return new Exchange(message, origin, protocolVersion, sessionId, mcpMethod, mcpName, authorization, apiKey,
                clientAddress, Notifier.NONE);
    }
}
