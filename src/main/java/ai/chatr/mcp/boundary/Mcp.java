package ai.chatr.mcp.boundary;

import ai.chatr.Refusals;
import ai.chatr.http.Refusal;
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
import ai.chatr.throttling.control.RequestLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The MCP protocol over Streamable HTTP, for every version chatr speaks: checks the Origin, reads
 * the message, counts it against the REST API's per-address request limit, and hands it to its
 * {@link Dialect}: a request carrying 2026-07-28's {@code _meta} to {@link StatelessDialect},
 * anything else to {@link SessionDialect}. A tool call over the limit is refused as a tool result
 * (the model reads when to retry), any other request with 429. Failures other than the protocol's
 * own are told as {@link Refusals} decides them.
 */
@ApplicationScoped
public class Mcp {

    @Inject
    Tools tools;

    @Inject
    Origins origins;

    @Inject
    Sessions sessions;

    @Inject
    RequestLimit requestLimit;

    @Inject
    Refusals refusals;

    @Inject
    StatelessDialect stateless;

    @Inject
    SessionDialect sessionBased;

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
            return Methods.done(forbidden());
        }
        JsonRpc.Incoming incoming;
        try {
            incoming = JsonRpc.read(exchange.body());
        } catch (McpError malformed) {
            return Methods.done(failure(null, malformed));
        }
        if (incoming instanceof JsonRpc.Batch batch) {
            return batch(exchange, batch);
        }
        RpcRequest request = incoming instanceof JsonRpc.Request one ? one.request() : null;
        JsonValue id = request == null ? null : request.id();
        try {
            try {
                requestLimit.count(exchange.clientAddress());
            } catch (RuntimeException limited) {
                if (request != null && !request.notification() && request.method().equals("tools/call")) {
                    return Methods.done(toolRefusal(request, tools.refusal(limited)));
                }
                throw limited;
            }
            CompletionStage<Answer> answer = request != null ? route(exchange, request) : Methods.done(clientResponse(exchange));
            return answer.exceptionally(failed -> failure(id, failed));
        } catch (RuntimeException failed) {
            return Methods.done(failure(id, failed));
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
            return Methods.done(failure(null, new McpError(400, McpError.INVALID_REQUEST,
                    "Invalid request: send one JSON-RPC message per POST (only 2025-03-26 sessions may batch).")));
        }
        if (batch.messages().stream().anyMatch(message -> message.getValueType() != JsonValue.ValueType.OBJECT)) {
            return Methods.done(failure(null, new McpError(400, McpError.INVALID_REQUEST,
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

    /** The dialect of a request: 2026-07-28's if its {@code _meta} names that version, else the session-based one. */
    private CompletionStage<Answer> route(Exchange exchange, RpcRequest request) {
        String metaVersion = request.metaVersion();
        if (metaVersion != null) {
            Version version = Version.of(metaVersion).orElseThrow(() -> StatelessDialect.unsupported(metaVersion));
            return (version.modern() ? stateless : sessionBased).answer(exchange, request);
        }
        if (Version.V2026_07_28.id().equals(exchange.protocolVersion())) {
            throw McpError.invalidParams("Invalid params: a " + Version.V2026_07_28.id() + " request must carry _meta."
                    + RpcRequest.PROTOCOL_VERSION + " and _meta." + RpcRequest.CLIENT_CAPABILITIES + ".");
        }
        return sessionBased.answer(exchange, request);
    }

    /** A tool call refused before it got to its tool, in the shape of the version it came in. */
    private static Answer toolRefusal(RpcRequest request, ToolResult refusal) {
        JsonObjectBuilder result = Json.createObjectBuilder(refusal.toJson());
        boolean modern = Version.of(request.metaVersion()).map(Version::modern).orElse(false);
        return Answer.of(200, JsonRpc.result(request.id(), modern ? StatelessDialect.result(result) : result.build()));
    }

    /** The client answered a request: chatr sends none, so there is nothing to do (legacy versions accept it). */
    private static Answer clientResponse(Exchange exchange) {
        if (Version.V2026_07_28.id().equals(exchange.protocolVersion())) {
            return Answer.of(400, JsonRpc.error(null, new McpError(400, McpError.INVALID_REQUEST,
                    "Invalid request: clients do not send JSON-RPC responses in " + Version.V2026_07_28.id() + ".")));
        }
        return Answer.accepted();
    }

    /**
     * A failure as a JSON-RPC error: the protocol's own as they are; any other as {@link Refusals}
     * decides it, with its {@code code} (and {@code retryAfter}) in {@code data}: a limit is error 429
     * with {@code Retry-After}, anything unexpected a bland internal error.
     */
    private Answer failure(JsonValue id, Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        if (cause instanceof McpError error) {
            return Answer.of(error.httpStatus(), JsonRpc.error(id, error));
        }
        Refusal refusal = refusals.of(cause);
        JsonObjectBuilder data = Json.createObjectBuilder().add("code", refusal.code());
        if (refusal.retryAfter() != null) {
            data.add("retryAfter", refusal.retryAfter());
        }
        int code = refusal.status() == 429 ? McpError.RATE_LIMITED
                : refusal.status() >= 500 ? McpError.INTERNAL_ERROR : McpError.INVALID_REQUEST;
        String message = refusal.code().equals("internal_error") ? "Internal error" : refusal.message();
        Answer answer = Answer.of(refusal.status(), JsonRpc.error(id, new McpError(refusal.status(), code, message, data.build())));
        return refusal.retryAfter() == null ? answer : answer.with("Retry-After", Long.toString(refusal.retryAfter()));
    }
}
