package ai.chatr.http;

import jakarta.ws.rs.core.Response.Status;

/**
 * A refusal a client can act on: an HTTP status, a stable machine-readable {@code code} and a
 * sentence for the agent. {@link ErrorMapper} turns it into {@code {"success":false,…}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
}
