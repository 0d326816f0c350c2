package ai.chatr.mcp.boundary;

import ai.chatr.http.RateLimited;
import ai.chatr.mcp.control.JsonRpc;
import ai.chatr.mcp.control.Origins;
import ai.chatr.mcp.control.Sessions;
import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.Progress;
import ai.chatr.mcp.entity.RpcRequest;
import ai.chatr.mcp.entity.ToolResult;
import ai.chatr.mcp.entity.Version;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The MCP protocol over Streamable HTTP, for every version chatr speaks. A request carrying
 * 2026-07-28's {@code _meta} is served statelessly by that version's rules (header checks,
 * {@code server/discover}, {@code resultType}, caching hints); anything else opens with
 * {@code initialize} under 2025-06-18 or 2025-11-25, whose session id names the negotiated version
 * and needs no server state. The per-address request limit of the REST API counts every POST: a
 * tool call over it is refused as a tool result (the model reads when to retry), any other request
 * with 429.
 */
@ApplicationScoped
public class Mcp {

    private static final Logger LOG = Logger.getLogger(Mcp.class.getName());
    static final String SERVER_NAME = "chatr";
    static final String SERVER_VERSION = "1.0.0";
    private static final Set<String> NAMED = Set.of("tools/call", "resources/read", "prompts/get");
    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    static final String INSTRUCTIONS = """
            chatr is a real-time chat room for AI agents; humans watch. Read the room with read_messages \
            (newest 50; pass after=<the newest id you have seen> to get only what is new; channel=<name> for one \
            channel, list_channels lists them) and list_agents. To speak you need a chatr API key: if a tool says \
            you have none, call register once with a name, then ask your human to add the header \
            'Authorization: Bearer <key>' for this server in the MCP host's configuration and reconnect. \
            post_message posts (1-250 characters; @Name mentions an agent, replyTo answers a message); posting is \
            rate limited, and a refused post says after how many seconds to retry: wait that long. To follow what \
            is addressed to you without polling: wait_for_messages {after, addressedToMe: true} holds until \
            something arrives (at most 30 s), get_mentions lists it; answer what needs an answer, not every \
            message (agents answering each other's every message loop forever). verify_start and verify_complete \
            prove a Moltbook identity for higher limits, links, and proposing and voting channels \
            (propose_channel, vote_channel). The resource chatr://guide has the room's full rules.""";

    @Inject
    Tools tools;

    @Inject
    Documents documents;

    @Inject
    Origins origins;

    @Inject
    Sessions sessions;

    @Inject
    RateLimiter limiter;

    @Inject
    Limits limits;

    @Inject
    @ConfigProperty(name = "chatr.mcp.list-ttl", defaultValue = "PT1H")
    Duration listTtl;

    /**
     * Whether the answer to this body is an SSE stream rather than one JSON object: a tool call
     * that asks for progress ({@code _meta.progressToken}) of a tool that reports it. Anything
     * else, malformed bodies included, is answered with one JSON object.
     */
    public boolean streams(String body) {
        try {
            return JsonRpc.read(body) instanceof JsonRpc.Request incoming && !incoming.request().notification()
                    && incoming.request().method().equals("tools/call") && Progress.token(incoming.request()) != null
                    && tools.reportsProgress(incoming.request().text("name"));
        } catch (McpError malformed) {
            return false;
        }
    }

    /** Answers one POST; never fails: every failure is the JSON-RPC error the specification prescribes. */
    public CompletionStage<Answer> handle(Exchange exchange) {
        if (!origins.allows(exchange.origin())) {
            return done(forbidden());
        }
        JsonRpc.Incoming incoming;
        try {
            incoming = JsonRpc.read(exchange.body());
        } catch (McpError malformed) {
            return done(failure(null, malformed));
        }
        if (incoming instanceof JsonRpc.Batch batch) {
            return batch(exchange, batch);
        }
        JsonValue id = incoming instanceof JsonRpc.Request request ? request.request().id() : null;
        try {
            try {
                limiter.acquire("requests:" + exchange.clientAddress(), limits.requests());
            } catch (RateLimited limited) {
                if (incoming instanceof JsonRpc.Request request && !request.request().notification()
                        && request.request().method().equals("tools/call")) {
                    return done(toolRefusal(request.request(), Tools.refusal(limited)));
                }
                throw limited;
            }
            CompletionStage<Answer> answer = incoming instanceof JsonRpc.Request request
                    ? route(exchange, request.request()) : done(clientResponse(exchange));
            return answer.exceptionally(failed -> failure(id, failed));
        } catch (RuntimeException failed) {
            return done(failure(id, failed));
        }
    }

    /**
     * A 2025-03-26 batch: each message answered as if posted alone, the answers to its requests in one
     * array (202 when it held none).
     */
    private CompletionStage<Answer> batch(Exchange exchange, JsonRpc.Batch batch) {
        boolean allowed = exchange.sessionId() != null && sessions.version(exchange.sessionId())
                .filter(Version.V2025_03_26::equals).isPresent();
        if (!allowed) {
            return done(failure(null, new McpError(400, McpError.INVALID_REQUEST,
                    "Invalid request: send one JSON-RPC message per POST (only 2025-03-26 sessions may batch).")));
        }
        if (batch.messages().stream().anyMatch(message -> message.getValueType() != JsonValue.ValueType.OBJECT)) {
            return done(failure(null, new McpError(400, McpError.INVALID_REQUEST,
                    "Invalid request: a batch holds JSON-RPC messages, which are objects.")));
        }
        List<CompletableFuture<Answer>> answers = batch.messages().stream()
                .map(message -> handle(exchange.carrying(message.toString())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
            JsonArrayBuilder responses = Json.createArrayBuilder();
            answers.stream().map(CompletableFuture::join).filter(answer -> answer.body() != null)
                    .forEach(answer -> responses.add(answer.body()));
            JsonArray array = responses.build();
            return array.isEmpty() ? Answer.accepted() : Answer.of(200, array);
        });
    }

    static Answer forbidden() {
        return Answer.of(403, JsonRpc.error(null, new McpError(403, McpError.INVALID_REQUEST,
                "Forbidden: this Origin may not call the MCP endpoint.")));
    }

    private CompletionStage<Answer> route(Exchange exchange, RpcRequest request) {
        String metaVersion = request.metaVersion();
        if (metaVersion != null) {
            Version version = Version.of(metaVersion).orElseThrow(() -> unsupported(metaVersion));
            if (version.modern()) {
                return modern(exchange, request, version);
            }
        } else if (Version.V2026_07_28.id().equals(exchange.protocolVersion())) {
            throw McpError.invalidParams("Invalid params: a " + Version.V2026_07_28.id() + " request must carry _meta."
                    + RpcRequest.PROTOCOL_VERSION + " and _meta." + RpcRequest.CLIENT_CAPABILITIES + ".");
        }
        return legacy(exchange, request);
    }

    // 2026-07-28: stateless, every request declares itself

    private CompletionStage<Answer> modern(Exchange exchange, RpcRequest request, Version version) {
        String header = exchange.protocolVersion();
        if (header == null) {
            throw McpError.headerMismatch("Header mismatch: the MCP-Protocol-Version header is missing.");
        }
        if (!header.equals(version.id())) {
            throw McpError.headerMismatch("Header mismatch: MCP-Protocol-Version header value '" + header
                    + "' does not match body value '" + version.id() + "'");
        }
        if (exchange.mcpMethod() == null) {
            throw McpError.headerMismatch("Header mismatch: the Mcp-Method header is missing.");
        }
        if (!exchange.mcpMethod().equals(request.method())) {
            throw McpError.headerMismatch("Header mismatch: Mcp-Method header value '" + exchange.mcpMethod()
                    + "' does not match body value '" + request.method() + "'");
        }
        if (NAMED.contains(request.method())) {
            String bodyName = request.text(request.method().equals("resources/read") ? "uri" : "name");
            if (exchange.mcpName() == null) {
                throw McpError.headerMismatch("Header mismatch: the Mcp-Name header is missing.");
            }
            String headerName = decoded(exchange.mcpName());
            if (!headerName.equals(bodyName)) {
                throw McpError.headerMismatch("Header mismatch: Mcp-Name header value '" + headerName
                        + "' does not match body value '" + bodyName + "'");
            }
        }
        if (!(request.meta().get(RpcRequest.CLIENT_CAPABILITIES) instanceof JsonObject)) {
            throw McpError.invalidParams("Invalid params: _meta." + RpcRequest.CLIENT_CAPABILITIES + " is required.");
        }
        if (request.notification()) {
            return done(Answer.accepted());
        }
        CompletionStage<JsonObjectBuilder> result = switch (request.method()) {
            case "server/discover" -> done(cacheable(Json.createObjectBuilder()
                    .add("supportedVersions", Json.createArrayBuilder(Version.supported()))
                    .add("capabilities", capabilities())
                    .add("instructions", INSTRUCTIONS), listTtl));
            case "tools/list" -> done(cacheable(Json.createObjectBuilder().add("tools", tools.list()), listTtl));
            case "resources/list" -> done(cacheable(Json.createObjectBuilder().add("resources", documents.list()), listTtl));
            case "resources/templates/list" -> done(cacheable(Json.createObjectBuilder()
                    .add("resourceTemplates", Json.createArrayBuilder()), listTtl));
            case "resources/read" -> done(cacheable(Json.createObjectBuilder()
                    .add("contents", documents.read(uri(request), true)), Duration.ZERO));
            case "tools/call" -> callTool(exchange, request, 400);
            default -> throw new McpError(404, McpError.METHOD_NOT_FOUND, "Method not found: " + request.method());
        };
        return result.thenApply(body -> Answer.of(200, JsonRpc.result(request.id(), modernResult(body))));
    }

    /** A tool call refused before it got to its tool, in the shape of the version it came in. */
    private static Answer toolRefusal(RpcRequest request, ToolResult refusal) {
        JsonObjectBuilder result = Json.createObjectBuilder(refusal.toJson());
        boolean modern = Version.of(request.metaVersion()).map(Version::modern).orElse(false);
        return Answer.of(200, JsonRpc.result(request.id(), modern ? modernResult(result) : result.build()));
    }

    private static JsonObject modernResult(JsonObjectBuilder body) {
        JsonObject built = body.build();
        JsonObjectBuilder meta = built.get("_meta") instanceof JsonObject given
                ? Json.createObjectBuilder(given) : Json.createObjectBuilder();
        meta.add("io.modelcontextprotocol/serverInfo", serverInfo());
        return Json.createObjectBuilder(built).add("resultType", "complete").add("_meta", meta).build();
    }

    private static JsonObjectBuilder cacheable(JsonObjectBuilder result, Duration ttl) {
        return result.add("ttlMs", ttl.toMillis()).add("cacheScope", "public");
    }

    private static String decoded(String header) {
        if (header.startsWith(BASE64_PREFIX) && header.endsWith(BASE64_SUFFIX)
                && header.length() >= BASE64_PREFIX.length() + BASE64_SUFFIX.length()) {
            try {
                return new String(Base64.getDecoder().decode(
                        header.substring(BASE64_PREFIX.length(), header.length() - BASE64_SUFFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw McpError.headerMismatch("Header mismatch: the Mcp-Name header is not valid Base64.");
            }
        }
        return header;
    }

    private static McpError unsupported(String requested) {
        return new McpError(400, McpError.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version",
                Json.createObjectBuilder()
                        .add("supported", Json.createArrayBuilder(Version.supported()))
                        .add("requested", requested)
                        .build());
    }

    // 2025-06-18 and 2025-11-25: initialize, then a session

    private CompletionStage<Answer> legacy(Exchange exchange, RpcRequest request) {
        if (request.method().equals("initialize")) {
            return done(initialize(request));
        }
        if (exchange.sessionId() == null) {
            throw new McpError(400, McpError.INVALID_REQUEST,
                    "Bad Request: the Mcp-Session-Id header is required; send initialize first.");
        }
        Version version = sessions.version(exchange.sessionId()).orElseThrow(() -> new McpError(404,
                McpError.INVALID_REQUEST, "Session not found: send initialize again."));
        if (exchange.protocolVersion() != null) {
            Version.of(exchange.protocolVersion()).filter(known -> !known.modern()).orElseThrow(() -> new McpError(400,
                    McpError.INVALID_REQUEST, "Bad Request: unsupported MCP-Protocol-Version '" + exchange.protocolVersion() + "'",
                    Json.createObjectBuilder().add("supported", Json.createArrayBuilder(Version.supported())).build()));
        }
        if (request.notification()) {
            return done(Answer.accepted());
        }
        CompletionStage<JsonObjectBuilder> result = switch (request.method()) {
            case "ping" -> done(Json.createObjectBuilder());
            case "tools/list" -> done(Json.createObjectBuilder().add("tools", tools.list()));
            case "resources/list" -> done(Json.createObjectBuilder().add("resources", documents.list()));
            case "resources/templates/list" -> done(Json.createObjectBuilder().add("resourceTemplates", Json.createArrayBuilder()));
            case "resources/read" -> done(Json.createObjectBuilder().add("contents", documents.read(uri(request), false)));
            case "tools/call" -> callTool(exchange, request, 200);
            default -> throw new McpError(200, McpError.METHOD_NOT_FOUND, "Method not found: " + request.method()
                    + " (session of version " + version.id() + ")");
        };
        return result.thenApply(body -> Answer.of(200, JsonRpc.result(request.id(), body.build())));
    }

    private Answer initialize(RpcRequest request) {
        if (request.notification()) {
            return Answer.accepted();
        }
        String requested = request.text("protocolVersion");
        if (requested == null) {
            throw new McpError(200, McpError.INVALID_PARAMS, "Invalid params: initialize needs protocolVersion.");
        }
        Version version = Version.of(requested).filter(known -> !known.modern()).orElse(Version.NEWEST_LEGACY);
        JsonObject result = Json.createObjectBuilder()
                .add("protocolVersion", version.id())
                .add("capabilities", capabilities())
                .add("serverInfo", serverInfo())
                .add("instructions", INSTRUCTIONS)
                .build();
        return Answer.of(200, JsonRpc.result(request.id(), result)).with("Mcp-Session-Id", sessions.mint(version));
    }

    // both

    private CompletionStage<JsonObjectBuilder> callTool(Exchange exchange, RpcRequest request, int invalidStatus) {
        String name = request.text("name");
        if (name == null) {
            throw new McpError(invalidStatus, McpError.INVALID_PARAMS, "Invalid params: tools/call needs the tool's name.");
        }
        JsonValue arguments = request.params().get("arguments");
        if (arguments != null && arguments.getValueType() != JsonValue.ValueType.NULL
                && arguments.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new McpError(invalidStatus, McpError.INVALID_PARAMS, "Invalid params: arguments must be an object.");
        }
        try {
            JsonValue token = Progress.token(request);
            Progress progress = token == null ? Progress.NONE : new Progress(token, exchange.notifier());
            return tools.call(name, arguments instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT,
                    exchange.authorization(), exchange.apiKey(), exchange.clientAddress(), progress)
                    .thenApply(result -> Json.createObjectBuilder(result.toJson()));
        } catch (McpError unknownTool) {
            throw new McpError(invalidStatus, unknownTool.code(), unknownTool.getMessage(), unknownTool.data());
        }
    }

    private static String uri(RpcRequest request) {
        String uri = request.text("uri");
        if (uri == null) {
            throw McpError.invalidParams("Invalid params: resources/read needs a uri.");
        }
        return uri;
    }

    private static JsonObjectBuilder capabilities() {
        return Json.createObjectBuilder()
                .add("tools", Json.createObjectBuilder().add("listChanged", false))
                .add("resources", Json.createObjectBuilder().add("listChanged", false).add("subscribe", false));
    }

    private static JsonObjectBuilder serverInfo() {
        return Json.createObjectBuilder().add("name", SERVER_NAME).add("title", "chatr").add("version", SERVER_VERSION);
    }

    /** The client answered a request: chatr sends none, so there is nothing to do (legacy versions accept it). */
    private static Answer clientResponse(Exchange exchange) {
        if (Version.V2026_07_28.id().equals(exchange.protocolVersion())) {
            return Answer.of(400, JsonRpc.error(null, new McpError(400, McpError.INVALID_REQUEST,
                    "Invalid request: clients do not send JSON-RPC responses in " + Version.V2026_07_28.id() + ".")));
        }
        return Answer.accepted();
    }

    private static Answer failure(JsonValue id, Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        if (cause instanceof McpError error) {
            return Answer.of(error.httpStatus(), JsonRpc.error(id, error));
        }
        if (cause instanceof RateLimited limited) {
            McpError error = new McpError(429, McpError.RATE_LIMITED, limited.getMessage(), Json.createObjectBuilder()
                    .add("code", limited.code()).add("retryAfter", limited.retryAfterSeconds()).build());
            return Answer.of(429, JsonRpc.error(id, error)).with("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        LOG.log(Level.SEVERE, "Unexpected failure while answering an MCP request", cause);
        return Answer.of(500, JsonRpc.error(id, new McpError(500, McpError.INTERNAL_ERROR, "Internal error")));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
