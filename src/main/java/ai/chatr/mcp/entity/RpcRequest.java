package ai.chatr.mcp.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A JSON-RPC request or notification ({@code id == null}) from the client; {@code params} is never
 * {@code null}.
 */
public record RpcRequest(JsonValue id, String method, JsonObject params) {

    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

    public boolean notification() {
        return id == null;
    }

    public JsonObject meta() {
        return params.get("_meta") instanceof JsonObject meta ? meta : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The version the request declares in its {@code _meta}, as 2026-07-28 requires; {@code null} if none. */
    public String metaVersion() {
        return meta().get(PROTOCOL_VERSION) instanceof JsonString version ? version.getString() : null;
    }

    /** A string parameter, or {@code null} when absent or of another type. */
    public String text(String name) {
        return params.get(name) instanceof JsonString value ? value.getString() : null;
    }
}
