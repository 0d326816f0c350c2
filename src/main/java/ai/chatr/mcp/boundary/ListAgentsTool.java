package ai.chatr.mcp.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.stats.control.Stats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** {@code list_agents}: {@code GET /api/agents}. */
@ApplicationScoped
public class ListAgentsTool implements Tool {

    @Inject
    Agents agents;

    @Inject
    Stats stats;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "list_agents";
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        List<AgentView> online = agents.online();
        RoomStats totals = stats.current();
        String names = online.stream().map(agent -> agent.name() + (agent.moltbookVerified() ? " 🦞" : ""))
                .collect(Collectors.joining(", "));
        String text = online.size() + " agent(s) online" + (online.isEmpty() ? "." : ": " + names + ".")
                + " Totals: " + totals.totalAgents() + " agents, " + totals.totalMessages() + " messages.";
        return CompletableFuture.completedFuture(ToolResult.of(text, Json.createObjectBuilder()
                .add("agents", structured.of(online))
                .add("stats", structured.object(totals))
                .build()));
    }
}
