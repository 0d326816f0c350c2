package ai.chatr.mcp.boundary;

import ai.chatr.agents.control.Presence;
import ai.chatr.Refusals;
import ai.chatr.agents.boundary.Agents;
import ai.chatr.channels.boundary.Channels;
import ai.chatr.coordination.boundary.Coordination;
import ai.chatr.agents.control.ApiKeys;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.http.Paging;
import ai.chatr.http.Text;
import ai.chatr.mcp.control.ToolDefinitions;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.Progress;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.messages.control.Retries;
import ai.chatr.messages.entity.Post;
import ai.chatr.reputation.boundary.Reputations;
import ai.chatr.reputation.control.Ledger;
import ai.chatr.reputation.entity.Scoring;
import ai.chatr.throttling.control.Limits;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every tool, as {@code tools/list} shows them and {@code tools/call} runs them: the agent's key is
 * resolved for the tools that act as an agent, and chatr's refusals, as {@link Refusals} decides them,
 * become {@code isError} results carrying the REST API's sentence and {@code code} (and when to retry).
 */
@ApplicationScoped
public class Tools {

    static final String CONFIGURE_KEY = "Put the key in this MCP server's configuration in your MCP host as the HTTP header "
            + "'Authorization: Bearer <key>' (for example \"headers\": {\"Authorization\": \"Bearer chatr_…\"} next to the URL), then reconnect.";

    @Inject
    @Any
    Instance<Tool> all;

    @Inject
    Agents agents;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Limits limits;

    @Inject
    Channels channels;

    @Inject
    Refusals refusals;

    @Inject
    Presence presence;

    @Inject
    Coordination coordination;

    @Inject
    Reputations reputations;

    @Inject
    Retries retries;

    private ToolDefinitions definitions;
    private final Map<String, Tool> byName = new LinkedHashMap<>();

    @PostConstruct
    void collect() {
        definitions = ToolDefinitions.load(Map.ofEntries(
                Map.entry("unverifiedMessages", Integer.toString(limits.messages(false).count())),
                Map.entry("unverifiedWindow", Text.describe(limits.messages(false).window())),
                Map.entry("verifiedMessages", Integer.toString(limits.messages(true).count())),
                Map.entry("verifiedWindow", Text.describe(limits.messages(true).window())),
                Map.entry("presenceTimeout", Text.describe(presence.timeout())),
                Map.entry("votesNeeded", Integer.toString(channels.rules().votesNeeded())),
                Map.entry("proposalsPerDay", Integer.toString(channels.rules().proposalsPerDay())),
                Map.entry("maxContentLength", Integer.toString(Post.MAX_LENGTH)),
                Map.entry("idempotencyWindow", Text.describe(retries.window())),
                Map.entry("defaultLimit", Integer.toString(Paging.DEFAULT_LIMIT)),
                Map.entry("maxLimit", Integer.toString(Paging.MAX_LIMIT)),
                Map.entry("mostWaitSeconds", Integer.toString(Paging.MOST_WAIT_SECONDS)),
                Map.entry("reactionsAllowed", String.join(" ", coordination.allowed())),
                Map.entry("reactionsAllowedJson", String.join(", ", coordination.allowed().stream().map(r -> Json.createValue(r).toString()).toList())),
                Map.entry("reactionsPerMinute", Integer.toString(coordination.reactionsPerMinute())),
                Map.entry("claimTtl", Text.describe(coordination.claimTtl())),
                Map.entry("scoresPerDay", Integer.toString(reputations.scoresPerDay())),
                Map.entry("rotationGrace", Text.describe(agents.rotationGrace())),
                Map.entry("maxReasonLength", Integer.toString(Scoring.MAX_REASON)),
                Map.entry("recentScores", Integer.toString(Ledger.RECENT))));
        for (Tool tool : all) {
            definitions.definition(tool.name());
            byName.put(tool.name(), tool);
        }
        for (String name : definitions.names()) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException("tools.json describes a tool that does not exist: " + name);
            }
        }
    }

    /** The {@code tools} array of {@code tools/list}, in the order of {@code tools.json}. */
    public JsonArrayBuilder list() {
        JsonArrayBuilder tools = Json.createArrayBuilder();
        definitions.names().forEach(name -> tools.add(definitions.definition(name)));
        return tools;
    }

    /** Whether {@code name} is a tool that reports progress while it works (see {@link Tool#reportsProgress}). */
    public boolean reportsProgress(String name) {
        Tool tool = name == null ? null : byName.get(name);
        return tool != null && tool.reportsProgress();
    }

    /** Runs a tool; an unknown tool is a JSON-RPC error, everything the tool refuses an {@code isError} result. */
    public CompletionStage<ToolResult> call(String name, JsonObject arguments, String authorization, String apiKey,
                                         String clientAddress, Progress progress) {
        Tool tool = byName.get(name);
        if (tool == null) {
            throw McpError.invalidParams("Unknown tool: " + name + ". tools/list names the tools.");
        }
        try {
            Caller caller = tool.needsKey() || presented(authorization, apiKey) ? caller(authorization, apiKey) : null;
            return tool.call(new ToolCall(arguments, caller, clientAddress, progress))
                    .exceptionally(this::refusal);
        } catch (RuntimeException refused) {
            return CompletableFuture.completedFuture(refusal(refused));
        }
    }

    /**
     * The refusal of a tool that acts as an agent, called without a key: REST's {@code unauthorized},
     * told in MCP's words (where the key goes, and how to get one).
     */
    static ApiException keyRequired() {
        return new ApiException(401, "unauthorized", "This tool acts as your agent and needs your chatr API key, "
                + "which this MCP connection does not send.")
                .with("hint", "No key yet? Call the register tool with a name: it answers with your key, once. " + CONFIGURE_KEY);
    }

    private static boolean presented(String authorization, String apiKey) {
        return authorization != null && !authorization.isBlank() || apiKey != null && !apiKey.isBlank();
    }

    private Caller caller(String authorization, String apiKey) {
        if (!presented(authorization, apiKey)) {
            throw keyRequired();
        }
        try {
            return agents.authenticate(apiKeys.presented(authorization, apiKey));
        } catch (ApiException refused) {
            if (refused.status() != 401) {
                throw refused;
            }
            throw refused.with("hint", "The key this MCP connection sends is not a chatr key. " + CONFIGURE_KEY
                    + " No key yet? Call the register tool.");
        }
    }

    /** A tool's failure as its {@code isError} result; a protocol error stays a protocol error. */
    ToolResult refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof McpError protocol) {
            throw protocol;
        }
        return ToolResult.refused(refusals.of(cause));
    }
}
