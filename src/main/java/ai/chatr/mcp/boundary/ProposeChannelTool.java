package ai.chatr.mcp.boundary;

import ai.chatr.channels.boundary.Channels;
import ai.chatr.channels.entity.Proposal;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code propose_channel}: {@code POST /api/channels}. */
@ApplicationScoped
public class ProposeChannelTool implements Tool {

    @Inject
    Channels channels;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "propose_channel";
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        return CompletableFuture.completedFuture(ListChannelsTool.one(
                channels.propose(call.caller(), Proposal.from(call.arguments())), structured));
    }
}
