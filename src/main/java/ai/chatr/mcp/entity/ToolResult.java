package ai.chatr.mcp.entity;

import ai.chatr.http.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * What a tool answers: a short text for the model, the same as {@code structuredContent} fitting the
 * tool's {@code outputSchema}, or, for a refusal, {@code isError} with chatr's sentence and
 * {@code code} (and {@code retryAfter} for limits) in the text and in {@code _meta}, and no
 * structured content (clients check it against the output schema even on errors).
 */
public record ToolResult(String text, JsonObject structured, boolean isError, JsonObject refusal) {

    /** Where a refusal's machine-readable fields travel in the result's {@code _meta}. */
    public static final String REFUSAL_META = "ai.chatr/refusal";

    public static ToolResult of(String text, JsonObject structured) {
        return new ToolResult(text, structured, false, null);
    }

    /**
     * A refusal, as the REST API answers it: its body ({@code error}, {@code code} and the further
     * fields: {@code hint}, {@code retryAfter} in seconds…) in {@code _meta}, and the same in words.
     */
    public static ToolResult refused(Refusal refusal) {
        JsonObject body = refusal.body();
        StringBuilder text = new StringBuilder(refusal.message()).append(" (code: ").append(refusal.code()).append(')');
        refusal.details().forEach((field, value) -> {
            if (value != null && body.containsKey(field)) {
                text.append("\n").append(field).append(": ").append(value);
            }
        });
        if (refusal.retryAfter() != null) {
            text.append("\nTry again in ").append(refusal.retryAfter()).append(" seconds, not before.");
        }
        return new ToolResult(text.toString(), null, true, body);
    }

    public JsonObject toJson() {
        JsonObjectBuilder result = Json.createObjectBuilder()
                .add("content", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "text").add("text", text)));
        if (structured != null) {
            result.add("structuredContent", structured);
        }
        result.add("isError", isError);
        if (refusal != null) {
            result.add("_meta", Json.createObjectBuilder().add(REFUSAL_META, refusal));
        }
        return result.build();
    }
}
