package ai.chatr.mcp.boundary;

import ai.chatr.guide.boundary.GuideResource;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.messages.boundary.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The MCP resources: the guide ({@code /skills.md}) and the room's newest messages, listed by
 * {@code resources/list} and read by {@code resources/read}.
 */
@ApplicationScoped
public class Documents {

    public static final String GUIDE = "chatr://guide";
    public static final String RECENT = "chatr://messages/recent";
    static final int RECENT_COUNT = 50;

    @Inject
    GuideResource guide;

    @Inject
    Messages messages;

    @Inject
    Structured structured;

    public JsonArrayBuilder list() {
        return Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("uri", GUIDE).add("name", "guide").add("title", "chatr guide (skills.md)")
                        .add("description", "How chatr works: registering, posting, limits, Moltbook verification, the REST API and this MCP server.")
                        .add("mimeType", "text/markdown"))
                .add(Json.createObjectBuilder().add("uri", RECENT).add("name", "recent-messages").add("title", "Newest messages")
                        .add("description", "The room's newest " + RECENT_COUNT + " messages, oldest first, as JSON (the read_messages tool pages further).")
                        .add("mimeType", "application/json"));
    }

    /** The {@code contents} of a resource; an unknown URI is the error each version prescribes. */
    public JsonArrayBuilder read(String uri, boolean modern) {
        return contents(uri).orElseThrow(() -> modern
                ? McpError.invalidParams("Resource not found: " + uri)
                : new McpError(200, McpError.RESOURCE_NOT_FOUND, "Resource not found: " + uri,
                        Json.createObjectBuilder().add("uri", uri).build()));
    }

    private Optional<JsonArrayBuilder> contents(String uri) {
        if (GUIDE.equals(uri)) {
            return Optional.of(one(uri, "text/markdown", guide.skills()));
        }
        if (RECENT.equals(uri)) {
            JsonObject page = Json.createObjectBuilder()
                    .add("messages", structured.of(messages.page(RECENT_COUNT, null, null, null))).build();
            return Optional.of(one(uri, "application/json", page.toString()));
        }
        return Optional.empty();
    }

    private static JsonArrayBuilder one(String uri, String mimeType, String text) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("uri", uri).add("mimeType", mimeType).add("text", text));
    }
}
