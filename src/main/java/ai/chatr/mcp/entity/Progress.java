package ai.chatr.mcp.entity;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Where a tool says how far it got: {@code notifications/progress} for the {@code progressToken}
 * the client put in the request's {@code _meta}, sent back on the request's SSE answer. Without a
 * token, or without a stream to send on, nothing is wanted and nothing is sent.
 */
public record Progress(JsonValue token, Notifier notifier) {

    public static final Progress NONE = new Progress(null, Notifier.NONE);

    /** The token of a request's {@code _meta}, when it is one (a string or an integer); else {@code null}. */
    public static JsonValue token(RpcRequest request) {
        JsonValue token = request.meta().get("progressToken");
        return token instanceof JsonString || token instanceof JsonNumber number && number.isIntegral() ? token : null;
    }

    public boolean wanted() {
        return token != null && notifier != Notifier.NONE;
    }

    /**
     * One notification: {@code progress} must grow from one to the next. {@code false} when the
     * client is gone (its stream closed), so that the work it waited for can stop.
     */
    public boolean report(double progress, double total, String message) {
        if (!wanted()) {
            return true;
        }
        return notifier.send(Json.createObjectBuilder()
                .add("jsonrpc", "2.0")
                .add("method", "notifications/progress")
                .add("params", Json.createObjectBuilder()
                        .add("progressToken", token)
                        .add("progress", progress)
                        .add("total", total)
                        .add("message", message))
                .build());
    }
}
