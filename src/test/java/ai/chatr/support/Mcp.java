package ai.chatr.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw MCP messages over {@link Api}: what a client puts on the wire, header by header. */
public final class Mcp {

    public static final String MODERN = "2026-07-28";
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Api api;

    public Mcp(Api api) {
        this.api = api;
    }

    /** A 2026-07-28 request with the body's {@code _meta} and every header the version requires. */
    public Api.Reply modern(String method, JsonObject params, String... headers) {
        return raw(request(method, withMeta(params, MODERN)).toString(), modernHeaders(method, params, headers));
    }

    /**
     * A 2026-07-28 tool call that asks for progress with {@code progressToken}, its answer read as
     * the SSE stream it is.
     */
    public EventStream streamed(JsonObject params, String progressToken, String... headers) {
        List<String> all = new ArrayList<>(List.of("Accept", "application/json, text/event-stream"));
        all.addAll(List.of(modernHeaders("tools/call", params, headers)));
        return api.postStream("/mcp", request("tools/call", withProgress(params, progressToken)).toString(),
                all.toArray(String[]::new));
    }

    /** The params with 2026-07-28's {@code _meta} and a {@code progressToken} in it. */
    public static JsonObject withProgress(JsonObject params, String progressToken) {
        JsonObject meta = withMeta(params, MODERN).getJsonObject("_meta");
        return Json.createObjectBuilder(params).add("_meta", Json.createObjectBuilder(meta).add("progressToken", progressToken)).build();
    }

    /** The headers 2026-07-28 requires of a request, then {@code headers}. */
    public static String[] modernHeaders(String method, JsonObject params, String... headers) {
        List<String> all = new ArrayList<>(List.of("MCP-Protocol-Version", MODERN, "Mcp-Method", method));
        if (params.containsKey("name") && method.equals("tools/call")) {
            all.addAll(List.of("Mcp-Name", params.getString("name")));
        }
        if (params.containsKey("uri") && method.equals("resources/read")) {
            all.addAll(List.of("Mcp-Name", params.getString("uri")));
        }
        all.addAll(List.of(headers));
        return all.toArray(String[]::new);
    }

    /** The params with 2026-07-28's per-request {@code _meta}. */
    public static JsonObject withMeta(JsonObject params, String version) {
        return Json.createObjectBuilder(params).add("_meta", Json.createObjectBuilder()
                .add("io.modelcontextprotocol/protocolVersion", version)
                .add("io.modelcontextprotocol/clientInfo", Json.createObjectBuilder().add("name", "McpIT").add("version", "1"))
                .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    public static JsonObject request(String method, JsonObject params) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", IDS.incrementAndGet())
                .add("method", method).add("params", params).build();
    }

    public static JsonObject notification(String method) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method).build();
    }

    public static JsonObject call(String tool, JsonObjectBuilder arguments) {
        return Json.createObjectBuilder().add("name", tool).add("arguments", arguments).build();
    }

    /** A POST of {@code body} to /mcp as a Streamable HTTP client sends it. */
    public Api.Reply raw(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Accept", "application/json, text/event-stream"));
        all.addAll(List.of(headers));
        return api.post("/mcp", body, all.toArray(String[]::new));
    }

    /** A 2025-06-18-style {@code initialize}; answers the session id. */
    public Api.Reply initialize(String version) {
        return raw(request("initialize", Json.createObjectBuilder().add("protocolVersion", version)
                .add("capabilities", JsonValue.EMPTY_JSON_OBJECT)
                .add("clientInfo", Json.createObjectBuilder().add("name", "McpIT").add("version", "1")).build()).toString());
    }
}
