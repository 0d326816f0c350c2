package ai.chatr.mcp.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools as {@code tools/list} shows them, read once from {@code tools.json} beside this class:
 * names, descriptions an LLM acts on, input and output schemas. Placeholders such as
 * {@code {{unverifiedMessages}}} are filled with this deployment's settings, and each
 * {@code "$ref": "#/$defs/…"} is replaced by the definition it names, so that every schema stands on
 * its own (clients validate {@code structuredContent} against the output schema alone).
 */
public final class ToolDefinitions {

    private static final String REF_PREFIX = "#/$defs/";

    private final Map<String, JsonObject> byName;

    private ToolDefinitions(Map<String, JsonObject> byName) {
        this.byName = byName;
    }

    public static ToolDefinitions load(Map<String, String> values) {
        String text = read();
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        JsonObject file;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            file = reader.readObject();
        }
        JsonObject defs = file.getJsonObject("$defs");
        Map<String, JsonObject> tools = new LinkedHashMap<>();
        for (JsonValue tool : file.getJsonArray("tools")) {
            JsonObject inlined = inline(tool, defs).asJsonObject();
            tools.put(inlined.getString("name"), inlined);
        }
        return new ToolDefinitions(tools);
    }

    /** Tool names in the order {@code tools/list} answers them (always the same: clients cache it). */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public JsonObject definition(String name) {
        JsonObject definition = byName.get(name);
        if (definition == null) {
            throw new IllegalStateException("tools.json has no definition for the tool " + name);
        }
        return definition;
    }

    private static JsonValue inline(JsonValue value, JsonObject defs) {
        if (value instanceof JsonObject object) {
            if (object.get("$ref") instanceof JsonString ref && ref.getString().startsWith(REF_PREFIX)) {
                JsonObject target = defs.getJsonObject(ref.getString().substring(REF_PREFIX.length()));
                if (target == null) {
                    throw new IllegalStateException("tools.json refers to a missing definition: " + ref.getString());
                }
                return inline(target, defs);
            }
            JsonObjectBuilder copy = Json.createObjectBuilder();
            object.forEach((field, member) -> copy.add(field, inline(member, defs)));
            return copy.build();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            value.asJsonArray().forEach(member -> copy.add(inline(member, defs)));
            return copy.build();
        }
        return value;
    }

    private static String read() {
        try (InputStream in = ToolDefinitions.class.getResourceAsStream("/ai/chatr/mcp/tools.json")) {
            if (in == null) {
                throw new IllegalStateException("ai/chatr/mcp/tools.json is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
