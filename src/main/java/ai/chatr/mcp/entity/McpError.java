package ai.chatr.mcp.entity;

import jakarta.json.JsonValue;

/**
 * A JSON-RPC error the specification prescribes, with the HTTP status it travels with. Raised
 * anywhere while a request is handled; the endpoint turns it into the error response.
 */
public class McpError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Resource not found in 2025-11-25 and earlier (2026-07-28 uses {@link #INVALID_PARAMS}). */
    public static final int RESOURCE_NOT_FOUND = -32002;
    public static final int HEADER_MISMATCH = -32020;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** chatr's own, outside the range JSON-RPC reserves: the per-address request limit was hit. */
    public static final int RATE_LIMITED = 429;

    private final int httpStatus;
    private final int code;
    private final JsonValue data;

    public McpError(int httpStatus, int code, String message, JsonValue data) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.data = data;
    }

    public McpError(int httpStatus, int code, String message) {
        this(httpStatus, code, message, null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    /** The error's {@code data}, or {@code null}. */
    public JsonValue data() {
        return data;
    }

    public static McpError headerMismatch(String message) {
        return new McpError(400, HEADER_MISMATCH, message);
    }

    public static McpError invalidParams(String message) {
        return new McpError(400, INVALID_PARAMS, message);
    }
}
