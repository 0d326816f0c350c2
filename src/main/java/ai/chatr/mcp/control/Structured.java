package ai.chatr.mcp.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;

/** chatr's records as JSON values, written by the same JSON-B as the REST answers. */
@ApplicationScoped
public class Structured {

    @Inject
    Jsonb jsonb;

    public JsonValue of(Object value) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonb.toJson(value)))) {
            return reader.readValue();
        }
    }

    public JsonObject object(Object value) {
        return of(value).asJsonObject();
    }
}
