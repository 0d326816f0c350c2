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
    /** Deeper than any request chatr takes (a JSON-RPC call with its arguments is four levels). */
    static final int MAX_DEPTH = 32;

    private JsonBody() {
    }

    /** A body that may be left out: none (or only whitespace) reads as {@code {}}. */
    public static JsonObject optionalObject(String body) {
        return body == null || body.isBlank() ? JsonObject.EMPTY_JSON_OBJECT : object(body);
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw notAnObject();
        }
        JsonValue value = value(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw notAnObject();
        }
        return value.asJsonObject();
    }

    /**
     * One JSON value, whatever its type, with nothing after it but whitespace and nested at most
     * {@value #MAX_DEPTH} deep (Parsson itself gives up at 1000 with an unchecked exception of no
     * particular type); {@code 400 invalid_request} otherwise.
     */
    public static JsonValue value(String body) {
        if (body == null) {
            throw malformed();
        }
        try {
            checkDepth(body);
            try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
                parser.next();
                return parser.getValue();
            }
        } catch (JsonException | NoSuchElementException | IllegalStateException broken) {
            throw malformed();
        }
    }

    /** Walks the events once: too deep, or anything after the value, is refused before a tree is built. */
    private static void checkDepth(String body) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            int depth = 0;
            do {
                switch (parser.next()) {
                    case START_ARRAY, START_OBJECT -> {
                        if (++depth > MAX_DEPTH) {
                            throw ApiException.badRequest("invalid_request",
                                    "Request body is nested too deeply: at most " + MAX_DEPTH + " levels.");
                        }
                    }
                    case END_ARRAY, END_OBJECT -> depth--;
                    default -> {
                    }
                }
            } while (depth > 0);
            // a JsonReader stops after the value and ignores the rest: {"name":"x"} trailing
            if (parser.hasNext()) {
                throw malformed();
            }
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
