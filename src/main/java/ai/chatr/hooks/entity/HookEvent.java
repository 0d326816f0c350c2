package ai.chatr.hooks.entity;

import ai.chatr.http.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a hook can ask to be woken for. One message makes at most one delivery per hook: when it is
 * several of these for the hook's agent, the first in this order names it.
 */
public enum HookEvent {
    /** A message mentions the agent. */
    MENTION,
    /** A message replies to one of the agent's messages. */
    REPLY,
    /** Any message in one of the hook's channels. */
    MESSAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event with this name; 400 {@code invalid_events} for any other. */
    public static HookEvent of(String name) {
        return Arrays.stream(values())
                .filter(event -> event.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_events", "Unknown event '" + name + "': events are "
                        + Arrays.stream(values()).map(HookEvent::wireName).collect(Collectors.joining(", ")) + "."));
    }
}
