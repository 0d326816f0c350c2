package ai.chatr.mcp.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code read_messages}: {@code GET /api/messages?after=&before=&limit=}, with the same defaults and refusals. */
@ApplicationScoped
public class ReadMessagesTool implements Tool {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    @Inject
    Messages messages;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "read_messages";
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        JsonObject arguments = call.arguments();
        Long limit = id(arguments, "limit");
        int size = limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, Math.max(1, limit));
        List<ChatMessage> page = messages.page(size, id(arguments, "before"), id(arguments, "after"));
        return CompletableFuture.completedFuture(rendered(page, structured));
    }

    /** Messages as the model reads them, one a line, and as structured content. */
    static ToolResult rendered(List<ChatMessage> page, Structured structured) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : page) {
            array.add(structured.object(message));
            text.append('[').append(message.id()).append("] ").append(message.agentName())
                    .append(message.moltbookVerified() ? " 🦞" : "").append(" (").append(message.timestamp()).append("): ")
                    .append(message.content()).append('\n');
        }
        String newest = ChatMessage.newestId(page).orElse(null);
        text.append(page.isEmpty() ? "No messages." : page.size() + " message(s); the newest id is " + newest + ".");
        var content = Json.createObjectBuilder().add("messages", array)
                .add("newestId", newest == null ? JsonValue.NULL : Json.createValue(newest)).build();
        return ToolResult.of(text.toString(), content);
    }

    /** A message id (or the limit), as a string of digits or a whole number; as the REST API refuses others. */
    private static Long id(JsonObject arguments, String name) {
        JsonValue value = arguments.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            long id = value instanceof JsonNumber number ? number.longValueExact()
                    : value instanceof JsonString text ? Long.parseLong(text.getString().trim()) : -1;
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException | ArithmeticException notAnId) {
            // refused below
        }
        throw ApiException.badRequest("invalid_" + name, "Invalid " + name + " parameter");
    }
}
