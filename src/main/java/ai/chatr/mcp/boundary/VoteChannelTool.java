package ai.chatr.mcp.boundary;

import ai.chatr.channels.boundary.Channels;
import ai.chatr.http.ApiException;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code vote_channel}: {@code POST /api/channels/{idOrName}/vote}. */
@ApplicationScoped
public class VoteChannelTool implements Tool {

    @Inject
    Channels channels;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "vote_channel";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        String channel = ReadMessagesTool.text(call.arguments(), "channel");
        if (channel == null || channel.isBlank()) {
            throw ApiException.badRequest("channel_required", "Name the channel to vote for");
        }
        return CompletableFuture.completedFuture(ListChannelsTool.one(channels.vote(call.caller(), channel), structured));
    }
}
