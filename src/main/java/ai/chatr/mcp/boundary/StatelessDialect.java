package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.JsonRpc;
import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.McpError;
import ai.chatr.mcp.entity.RpcRequest;
import ai.chatr.mcp.entity.Version;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * 2026-07-28: stateless, every request declares itself. Its version and capabilities travel in
 * {@code _meta}, its method (and the name of a tool or resource) in headers that must agree with
 * the body; results carry {@code resultType} and the server's identity, lists how long they may
 * be cached.
 */
@ApplicationScoped
public class StatelessDialect implements Dialect {

    private static final Set<String> NAMED = Set.of("tools/call", "resources/read", "prompts/get");
    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    @Inject
    Methods methods;

    @Override
    public CompletionStage<Answer> answer(Exchange exchange, RpcRequest request) {
        Version version = Version.of(request.metaVersion()).filter(Version::modern)
                .orElseThrow(() -> unsupported(request.metaVersion()));
        checkHeaders(exchange, request, version);
        if (!(request.meta().get(RpcRequest.CLIENT_CAPABILITIES) instanceof JsonObject)) {
            throw McpError.invalidParams("Invalid params: _meta." + RpcRequest.CLIENT_CAPABILITIES + " is required.");
        }
        if (request.notification()) {
            return Methods.done(Answer.accepted());
        }
        Methods.Method method = methods.find(request.method(), version).orElseThrow(() ->
                new McpError(404, McpError.METHOD_NOT_FOUND, "Method not found: " + request.method()));
        return method.handler().answer(exchange, request, version).thenApply(body -> Answer.of(200,
                JsonRpc.result(request.id(), result(method.ttl() == null ? body : cacheable(body, method.ttl())))));
    }

    private static void checkHeaders(Exchange exchange, RpcRequest request, Version version) {
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
    }

    /** A result as this version shapes it: {@code resultType} and the server's identity in {@code _meta}. */
    static JsonObject result(JsonObjectBuilder body) {
        JsonObject built = body.build();
        JsonObjectBuilder meta = built.get("_meta") instanceof JsonObject given
                ? Json.createObjectBuilder(given) : Json.createObjectBuilder();
        meta.add("io.modelcontextprotocol/serverInfo", Methods.serverInfo());
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

    /** The refusal of a version chatr does not speak, naming those it does. */
    static McpError unsupported(String requested) {
        return new McpError(400, McpError.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version",
                Json.createObjectBuilder()
                        .add("supported", Json.createArrayBuilder(Version.supported()))
                        .add("requested", requested)
                        .build());
    }
}
