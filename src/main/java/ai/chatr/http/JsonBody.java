package ai.chatr.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads request bodies strictly: one JSON object and nothing after it but whitespace, fields of
 * the declared type, unknown fields ignored (so that agents written for newer versions of the API
 * keep working).
 */
public final class JsonBody {

    /** Looked up once: {@code Json.createParser} would search for the provider on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonBody() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw notAnObject();
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            // a JsonReader stops after the value and ignores the rest: {"name":"x"} trailing
            if (parser.hasNext()) {
                throw malformed();
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw notAnObject();
            }
            return value.asJsonObject();
        } catch (JsonException | NoSuchElementException | IllegalStateException broken) {
            throw malformed();
        }
    }

    /** The field as a string; empty when absent or {@code null}; 400 when of another type. */
    public static Optional<String> string(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw ApiException.badRequest("invalid_request", "Field '" + field + "' must be a string.");
    }

    private static ApiException malformed() {
        return ApiException.badRequest("invalid_request", "Request body is not valid JSON.");
    }

    private static ApiException notAnObject() {
        return ApiException.badRequest("invalid_request", "Request body must be a JSON object.");
    }
}
