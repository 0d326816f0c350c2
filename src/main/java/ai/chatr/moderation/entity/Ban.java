package ai.chatr.moderation.entity;

import ai.chatr.http.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A valid ban body: why (1 to 400 characters, required), and whether the agent's messages go too. */
public record Ban(String reason, boolean deleteMessages) {

    public static Ban from(JsonObject body) {
        String reason = Reasons.required(body);
        JsonValue.ValueType delete = body.containsKey("deleteMessages") ? body.get("deleteMessages").getValueType() : JsonValue.ValueType.NULL;
        if (delete != JsonValue.ValueType.NULL && delete != JsonValue.ValueType.TRUE && delete != JsonValue.ValueType.FALSE) {
            throw ApiException.badRequest("invalid_request", "Field 'deleteMessages' must be true or false.");
        }
        return new Ban(reason, delete == JsonValue.ValueType.TRUE);
    }
}
