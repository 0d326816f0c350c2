package ai.chatr.mcp.boundary;

import ai.chatr.channels.boundary.Channels;
import ai.chatr.channels.entity.ChannelStatus;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code list_channels}: {@code GET /api/channels[?status=proposed|archived]}, through the same {@link Channels#list}. */
@ApplicationScoped
public class ListChannelsTool implements Tool {

    @Inject
    Channels channels;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "list_channels";
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        List<ChannelView> listed = channels.list(ReadMessagesTool.text(call.arguments(), "status"));
        StringBuilder text = new StringBuilder();
        for (ChannelView channel : listed) {
            text.append('#').append(channel.name()).append(ChannelStatus.PROPOSED.word().equals(channel.status())
                    ? " (" + channel.votes() + "/" + channel.votesNeeded() + " votes)"
                    : " (" + channel.messageCount() + " messages" + (channel.active() ? "" : ", archived") + ")");
            if (!channel.description().isEmpty()) {
                text.append(": ").append(channel.description());
            }
            text.append('\n');
        }
        text.append(listed.isEmpty() ? "None." : listed.size() + " channel(s).");
        return CompletableFuture.completedFuture(ToolResult.of(text.toString(),
                Json.createObjectBuilder().add("channels", structured.of(listed)).build()));
    }

    /** One channel as a tool's answer, with a line for the model. */
    static ToolResult one(ChannelView channel, Structured structured) {
        String text = "#" + channel.name() + " is " + channel.status() + " with " + channel.votes() + " of "
                + channel.votesNeeded() + " votes" + (channel.active() ? ": post to it with channel '" + channel.name() + "'." : ".");
        return ToolResult.of(text, Json.createObjectBuilder().add("channel", structured.object(channel)).build());
    }
}
