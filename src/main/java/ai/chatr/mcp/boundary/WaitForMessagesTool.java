package ai.chatr.mcp.boundary;

import ai.chatr.conversations.boundary.Reads;
import ai.chatr.http.ApiException;
import ai.chatr.http.Paging;
import ai.chatr.mcp.control.Structured;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.mcp.control.WaitProgress;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code wait_for_messages}: {@code GET /api/messages?after=&wait=} (or {@code /api/mentions} with
 * {@code addressedToMe}): the same wait on the hub, the same per-address cap, holding no thread;
 * with a {@code progressToken}, progress notifications while it waits.
 */
@ApplicationScoped
public class WaitForMessagesTool implements Tool {

    /** The argument that is the REST API's {@code wait}. */
    private static final String TIMEOUT = "timeoutSeconds";

    @Inject
    Reads reads;

    @Inject
    Structured structured;

    @Inject
    WaitProgress progress;

    @Override
    public String name() {
        return "wait_for_messages";
    }

    /** Without {@code addressedToMe} anyone may wait; with it, {@link #call} asks for the key. */
    @Override
    public boolean needsKey() {
        return false;
    }

    /** A wait can last {@code timeoutSeconds}: a client that asked hears, meanwhile, that it still waits. */
    @Override
    public boolean reportsProgress() {
        return true;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        JsonObject arguments = call.arguments();
        String timeout = ReadMessagesTool.text(arguments, TIMEOUT);
        Paging paging = Paging.of(null, null, ReadMessagesTool.text(arguments, "after"),
                timeout == null ? Integer.toString(Paging.MOST_WAIT_SECONDS) : timeout, TIMEOUT);
        String channels = ReadMessagesTool.text(arguments, "channel");
        CompletionStage<List<ChatMessage>> reading;
        if (arguments.get("addressedToMe") == JsonValue.TRUE) {
            if (call.caller() == null) {
                throw Tools.keyRequired();
            }
            reading = reads.inbox(call.caller(), paging, channels, call.clientAddress());
        } else if (arguments.containsKey("addressedToMe") && arguments.get("addressedToMe") != JsonValue.FALSE) {
            throw ApiException.badRequest("invalid_addressedToMe", "addressedToMe must be true or false");
        } else {
            reading = reads.room(paging, channels, call.clientAddress());
        }
        CompletableFuture<List<ChatMessage>> waiting = reading.toCompletableFuture();
        if (paging.waitFor() != null) {
            progress.during(waiting, paging.waitFor(), call.progress(), List.of());
        }
        return waiting.thenApply(found -> ReadMessagesTool.rendered(found, structured));
    }
}
