package ai.chatr.http;

import jakarta.ws.rs.core.Response.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal a client can act on: an HTTP status, a stable machine-readable {@code code} and a
 * sentence for the agent, plus optional further fields ({@link #with}). Every face tells it as the
 * same {@link Refusal}: {@code {"success":false,"error":…,"code":…}} followed by those fields.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, new LinkedHashMap<>());
    }

    private ApiException(int status, String code, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Collections.unmodifiableMap(details);
    }

    public ApiException(Status status, String code, String message) {
        this(status.getStatusCode(), code, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Further fields of the error body, in the order they were added. */
    public Map<String, String> details() {
        return details;
    }

    /**
     * The same refusal with one more field in its body, after the others (e.g. a {@code hint});
     * {@code success}, {@code error} and {@code code} cannot be replaced this way.
     */
    public ApiException with(String field, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(field, value);
        return new ApiException(status, code, getMessage(), more);
    }
}
