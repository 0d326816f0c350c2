package ai.chatr.mcp.control;

import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.RpcRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** JSON-RPC 2.0 envelopes: reading the client's message, writing results and errors. */
public final class JsonRpc {

    private JsonRpc() {
    }

    /** What the client sent; the cause when it is not one JSON-RPC message. */
    public sealed interface Incoming {
    }

    public record Request(RpcRequest request) implements Incoming {
    }

    /** A JSON-RPC response from the client (chatr never asks the client anything). */
    public record Response() implements Incoming {
    }

    /** Several messages in one array: only 2025-03-26 allows that. */
    public record Batch(java.util.List<JsonValue> messages) implements Incoming {
    }

    /**
     * Reads one message; a body that is not JSON is a parse error, a batch or a malformed
     * envelope an invalid request (HTTP 400 both).
     */
    public static Incoming read(String body) {
        JsonValue value;
        try {
            value = JsonBody.value(body == null ? "" : body);
        } catch (ApiException broken) {
            throw new McpError(400, McpError.PARSE_ERROR, "Parse error: " + broken.getMessage());
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            if (value.asJsonArray().isEmpty()) {
                throw new McpError(400, McpError.INVALID_REQUEST, "Invalid request: an empty batch.");
            }
            return new Batch(value.asJsonArray());
        }
        return read(value);
    }

    /** One message of a batch, or the whole body. */
    public static Incoming read(JsonValue value) {
        if (!(value instanceof JsonObject message) || !(message.get("jsonrpc") instanceof JsonString version)
                || !"2.0".equals(version.getString())) {
            throw new McpError(400, McpError.INVALID_REQUEST, "Invalid request: not a JSON-RPC 2.0 message.");
        }
        JsonValue id = message.get("id");
        if (!message.containsKey("method") && (message.containsKey("result") || message.containsKey("error"))) {
            return new Response();
        }
        if (!(message.get("method") instanceof JsonString method)) {
            throw invalid(id, "Invalid request: method must be a string.");
        }
        if (id != null && id.getValueType() != JsonValue.ValueType.STRING && id.getValueType() != JsonValue.ValueType.NUMBER) {
            throw invalid(null, "Invalid request: id must be a string or a number.");
        }
        JsonValue params = message.get("params");
        if (params != null && params.getValueType() != JsonValue.ValueType.OBJECT && params.getValueType() != JsonValue.ValueType.NULL) {
            throw invalid(id, "Invalid request: params must be an object.");
        }
        return new Request(new RpcRequest(id, method.getString(),
                params instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT));
    }

    private static McpError invalid(JsonValue id, String message) {
        return new McpError(400, McpError.INVALID_REQUEST, message);
    }

    public static JsonObject result(JsonValue id, JsonObject result) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("result", result).build();
    }

    /** An error response; {@code id} is {@code null} when the request's id could not be read. */
    public static JsonObject error(JsonValue id, McpError error) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("code", error.code()).add("message", error.getMessage());
        if (error.data() != null) {
            body.add("data", error.data());
        }
        JsonObjectBuilder message = Json.createObjectBuilder().add("jsonrpc", "2.0");
        if (id != null) {
            message.add("id", id);
        }
        return message.add("error", body).build();
    }
}
