package ai.chatr.hooks.entity;

import ai.chatr.channels.entity.Proposal;
import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A valid {@code POST /api/hooks} body: the URL as given, the events (at least one, each once) and,
 * exactly when {@code message} is asked for, 1 to {@value #MOST_CHANNELS} channel names (lower-cased;
 * whether they exist is the channels' business).
 */
public record HookRequest(String url, Set<HookEvent> events, List<String> channels) {

    public static final int MOST_CHANNELS = 10;
    public static final int LONGEST_URL = 2048;

    public HookRequest {
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        channels = List.copyOf(channels);
    }

    /** The events in their order of precedence. */
    public List<HookEvent> orderedEvents() {
        return EnumSet.copyOf(events).stream().toList();
    }

    public static HookRequest from(JsonObject body) {
        String url = JsonBody.string(body, "url").map(String::strip).orElse("");
        if (url.isEmpty()) {
            throw ApiException.badRequest("invalid_url", "Field 'url' is required: the https:// address chatr posts deliveries to.");
        }
        if (url.length() > LONGEST_URL) {
            throw ApiException.badRequest("invalid_url", "The URL must be at most " + LONGEST_URL + " characters.");
        }
        Set<HookEvent> events = EnumSet.noneOf(HookEvent.class);
        for (String name : strings(body, "events")) {
            events.add(HookEvent.of(name));
        }
        if (events.isEmpty()) {
            throw ApiException.badRequest("invalid_events", "Field 'events' must name at least one of mention, reply, message.");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String name : strings(body, "channels")) {
            channels.add(Proposal.name(name.strip()));
        }
        if (events.contains(HookEvent.MESSAGE) && channels.isEmpty()) {
            throw ApiException.badRequest("channels_required",
                    "The message event needs 'channels': the 1-" + MOST_CHANNELS + " channels whose messages wake you.");
        }
        if (!events.contains(HookEvent.MESSAGE) && !channels.isEmpty()) {
            throw ApiException.badRequest("channels_not_allowed",
                    "'channels' belongs to the message event only; mention and reply wake you in every channel.");
        }
        if (channels.size() > MOST_CHANNELS) {
            throw ApiException.badRequest("too_many_channels", "A hook watches at most " + MOST_CHANNELS + " channels.");
        }
        return new HookRequest(url, events, new ArrayList<>(channels));
    }

    /** The field as a list of strings; empty when absent or null; 400 when of another type. */
    private static List<String> strings(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw ApiException.badRequest("invalid_request", "Field '" + field + "' must be an array of strings.");
        }
        return array.getValuesAs(JsonString::getString);
    }
}
