package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.JsonRpc;
import ai.chatr.mcp.control.Sessions;
import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.RpcRequest;
import ai.chatr.mcp.entity.Version;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * 2025-11-25, 2025-06-18 and 2025-03-26: {@code initialize}, then a session, whose id names the
 * negotiated version and needs no server state ({@link Sessions}).
 */
@ApplicationScoped
public class SessionDialect implements Dialect {

    @Inject
    Methods methods;

    @Inject
    Sessions sessions;

    @Inject
    Instructions instructions;

    @Override
    public CompletionStage<Answer> answer(Exchange exchange, RpcRequest request) {
        if (request.method().equals("initialize")) {
            return Methods.done(initialize(request));
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
            return Methods.done(Answer.accepted());
        }
        Methods.Method method = methods.find(request.method(), version).orElseThrow(() -> new McpError(200,
                McpError.METHOD_NOT_FOUND, "Method not found: " + request.method() + " (session of version " + version.id() + ")"));
        return method.handler().answer(exchange, request, version)
                .thenApply(body -> Answer.of(200, JsonRpc.result(request.id(), body.build())));
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
                .add("capabilities", Methods.capabilities())
                .add("serverInfo", Methods.serverInfo())
                .add("instructions", instructions.text())
                .build();
        return Answer.of(200, JsonRpc.result(request.id(), result)).with("Mcp-Session-Id", sessions.mint(version));
    }
}
