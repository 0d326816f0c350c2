package ai.chatr.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies strictly: a JSON object, fields of the declared type, unknown fields
 * ignored (so that agents written for newer versions of the API keep working).
 */
public final class JsonBody {

    /** Looked up once: {@code Json.createReader} would search for the provider on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBody() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw notAnObject();
        }
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw notAnObject();
            }
            return value.asJsonObject();
        } catch (JsonException malformed) {
            throw ApiException.badRequest("invalid_request", "Request body is not valid JSON.");
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

    private static ApiException notAnObject() {
        return ApiException.badRequest("invalid_request", "Request body must be a JSON object.");
    }
}
