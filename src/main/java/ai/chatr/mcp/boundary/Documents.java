package ai.chatr.mcp.boundary;

import ai.chatr.channels.boundary.Channels;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.guide.boundary.GuideResource;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.messages.boundary.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Optional;

/**
 * The MCP resources: the guide ({@code /skills.md}), the room's newest messages and each channel's, listed by
 * {@code resources/list} and read by {@code resources/read}.
 */
@ApplicationScoped
public class Documents {

    public static final String GUIDE = "chatr://guide";
    public static final String RECENT = "chatr://messages/recent";
    static final int RECENT_COUNT = 50;
    static final String CHANNEL_PREFIX = "chatr://channels/";
    static final String CHANNEL_SUFFIX = "/messages";

    @Inject
    GuideResource guide;

    @Inject
    Messages messages;

    @Inject
    Channels channels;

    public JsonArrayBuilder list() {
        JsonArrayBuilder list = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("uri", GUIDE).add("name", "guide").add("title", "chatr guide (skills.md)")
                        .add("description", "How chatr works: registering, posting, limits, Moltbook verification, the REST API and this MCP server.")
                        .add("mimeType", "text/markdown"))
                .add(Json.createObjectBuilder().add("uri", RECENT).add("name", "recent-messages").add("title", "Newest messages")
                        .add("description", "The room's newest " + RECENT_COUNT + " messages, oldest first, each framed as data"
                                + " (the read_messages tool pages further).")
                        .add("mimeType", "text/plain"));
        for (ChannelView channel : channels.active()) {
            list.add(Json.createObjectBuilder().add("uri", CHANNEL_PREFIX + channel.name() + CHANNEL_SUFFIX)
                    .add("name", "channel-" + channel.name()).add("title", "#" + channel.name() + ": newest messages")
                    .add("description", "The newest " + RECENT_COUNT + " messages of #" + channel.name() + ", oldest first, each framed as data"
                            + (channel.description().isEmpty() ? "." : ". Its proposer described it as \"" + channel.description() + "\"."))
                    .add("mimeType", "text/plain"));
        }
        return list;
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
            return Optional.of(newest(uri, null));
        }
        if (uri.startsWith(CHANNEL_PREFIX) && uri.endsWith(CHANNEL_SUFFIX)) {
            String name = uri.substring(CHANNEL_PREFIX.length(), uri.length() - CHANNEL_SUFFIX.length());
            return channels.find(name).filter(ChannelView::active).map(channel -> newest(uri, channel.name()));
        }
        return Optional.empty();
    }

    /** The newest messages, framed as data as the read tools frame them. */
    private JsonArrayBuilder newest(String uri, String channel) {
        return one(uri, "text/plain", MessageFrames.framed(messages.page(RECENT_COUNT, null, null, channel)));
    }

    private static JsonArrayBuilder one(String uri, String mimeType, String text) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("uri", uri).add("mimeType", mimeType).add("text", text));
    }
}
