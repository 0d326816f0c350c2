package ai.chatr.mcp.entity;

import jakarta.json.JsonStructure;
import java.util.Map;

/** What {@code /mcp} sends back: an HTTP status, a JSON-RPC message or no body ({@code null}), extra headers. */
public record Answer(int status, JsonStructure body, Map<String, String> headers) {

    public static Answer of(int status, JsonStructure body) {
        return new Answer(status, body, Map.of());
    }

    public static Answer accepted() {
        return new Answer(202, null, Map.of());
    }

    public Answer with(String header, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(header, value);
        return new Answer(status, body, Map.copyOf(more));
    }
}
