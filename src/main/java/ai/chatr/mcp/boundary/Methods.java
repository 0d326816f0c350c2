package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.Progress;
import ai.chatr.mcp.entity.RpcRequest;
import ai.chatr.mcp.entity.Version;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JSON-RPC methods chatr answers, one table for every version: what each does, which family
 * knows it, and how long a stateless client may keep its result. The {@link Dialect}s check the
 * request before and shape the result after.
 */
@ApplicationScoped
public class Methods {

    static final String SERVER_NAME = "chatr";
    static final String SERVER_VERSION = "1.0.0";

    /** What a method does, given the version the request speaks: the result, before its dialect shapes it. */
    interface Handler {
        CompletionStage<JsonObjectBuilder> answer(Exchange exchange, RpcRequest request, Version version);
    }

    /**
     * One method: whether the session-based and the stateless family know it, how long a stateless
     * client may keep its result ({@code null}: not cacheable), and what it does.
     */
    record Method(boolean sessions, boolean stateless, Duration ttl, Handler handler) {
    }

    @Inject
    Tools tools;

    @Inject
    Documents documents;

    @Inject
    Instructions instructions;

    @Inject
    @ConfigProperty(name = "chatr.mcp.list-ttl", defaultValue = "PT1H")
    Duration listTtl;

    private final Map<String, Method> table = new LinkedHashMap<>();

    @PostConstruct
    void fill() {
        table.put("ping", new Method(true, false, null, (exchange, request, version) -> done(Json.createObjectBuilder())));
        table.put("server/discover", new Method(false, true, listTtl, (exchange, request, version) -> done(Json.createObjectBuilder()
                .add("supportedVersions", Json.createArrayBuilder(Version.supported()))
                .add("capabilities", capabilities())
                .add("instructions", instructions.text()))));
        table.put("tools/list", new Method(true, true, listTtl,
                (exchange, request, version) -> done(Json.createObjectBuilder().add("tools", tools.list()))));
        table.put("resources/list", new Method(true, true, listTtl,
                (exchange, request, version) -> done(Json.createObjectBuilder().add("resources", documents.list()))));
        table.put("resources/templates/list", new Method(true, true, listTtl,
                (exchange, request, version) -> done(Json.createObjectBuilder().add("resourceTemplates", Json.createArrayBuilder()))));
        table.put("resources/read", new Method(true, true, Duration.ZERO, (exchange, request, version) ->
                done(Json.createObjectBuilder().add("contents", documents.read(uri(request), version.modern())))));
        table.put("tools/call", new Method(true, true, null, this::callTool));
    }

    /** The method of this name, if the family of {@code version} knows it. */
    Optional<Method> find(String name, Version version) {
        return Optional.ofNullable(table.get(name)).filter(method -> version.modern() ? method.stateless() : method.sessions());
    }

    /**
     * A tool call; the tool's refusals are its result ({@code isError}). A call without a name or
     * with arguments that are not an object, or of a tool that does not exist, is a protocol error:
     * HTTP 400 for the stateless family, 200 for sessions.
     */
    private CompletionStage<JsonObjectBuilder> callTool(Exchange exchange, RpcRequest request, Version version) {
        int invalidStatus = version.modern() ? 400 : 200;
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

    static JsonObjectBuilder capabilities() {
        return Json.createObjectBuilder()
                .add("tools", Json.createObjectBuilder().add("listChanged", false))
                .add("resources", Json.createObjectBuilder().add("listChanged", false).add("subscribe", false));
    }

    static JsonObjectBuilder serverInfo() {
        return Json.createObjectBuilder().add("name", SERVER_NAME).add("title", "chatr").add("version", SERVER_VERSION);
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
