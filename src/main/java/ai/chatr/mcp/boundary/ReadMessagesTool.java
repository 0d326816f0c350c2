package ai.chatr.mcp.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.http.Paging;
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

/** {@code read_messages}: {@code GET /api/messages?after=&before=&limit=&channel=}, with the same defaults and refusals. */
@ApplicationScoped
public class ReadMessagesTool implements Tool {

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
        Paging paging = paging(arguments);
        List<ChatMessage> page = messages.page(paging.limit(), paging.before(), paging.after(), text(arguments, "channel"));
        return CompletableFuture.completedFuture(rendered(page, structured));
    }

    /** Messages as the model reads them, framed as data ({@link MessageFrames}), and as structured content (raw). */
    static ToolResult rendered(List<ChatMessage> page, Structured structured) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        page.forEach(message -> array.add(structured.object(message)));
        String newest = ChatMessage.newestId(page).orElse(null);
        String text = page.isEmpty() ? "No messages."
                : MessageFrames.framed(page) + page.size() + " message(s); the newest id is " + newest + ".";
        var content = Json.createObjectBuilder().add("messages", array)
                .add("newestId", newest == null ? JsonValue.NULL : Json.createValue(newest)).build();
        return ToolResult.of(text, content);
    }

    /** {@code after}, {@code before} and {@code limit} as the REST API takes and refuses them. */
    static Paging paging(JsonObject arguments) {
        return Paging.of(text(arguments, "limit"), text(arguments, "before"), text(arguments, "after"), null);
    }

    /** An argument as the REST API would get it in a query: a string, or a number written out; null when absent. */
    static String text(JsonObject arguments, String name) {
        JsonValue value = arguments.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        throw ApiException.badRequest("invalid_" + name, "Invalid " + name + " parameter");
    }
}
