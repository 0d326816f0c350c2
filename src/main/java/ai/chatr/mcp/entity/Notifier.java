package ai.chatr.mcp.entity;

import jakarta.json.JsonObject;

/**
 * The way back to the client for notifications about its request while it is answered: the SSE
 * answer of that POST. {@link #NONE} when the answer is one JSON object.
 */
@FunctionalInterface
public interface Notifier {

    Notifier NONE = notification -> false;

    /** Sends one notification; {@code false} when it cannot (the client's stream is closed, or there is none). */
    boolean send(JsonObject notification);
}
