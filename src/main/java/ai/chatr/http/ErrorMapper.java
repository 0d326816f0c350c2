package ai.chatr.http;

import ai.chatr.storage.control.Storage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The one place where failures become answers: always {@code {"success":false,"error":…,"code":…}},
 * never an HTML page or a stack trace. A failure of the database while it does not answer is a 503
 * {@code storage_unavailable}; other unexpected failures are logged here and answered with a bland 500.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
    /** Looked up once: {@code Json.createObjectBuilder} would search for the provider on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final Set<String> RESERVED = Set.of("success", "error", "code");

    @Inject
    MetricRegistry metrics;

    @Inject
    Storage storage;

    @Override
    public Response toResponse(Throwable thrown) {
        Response answer = answer(thrown);
        if (answer.getEntity() instanceof JsonObject body && body.containsKey("code")) {
            refused(metrics, body.getString("code"));
        }
        return answer;
    }

    /** Counts a refusal in {@code chatr_refusals_total{code}}, whichever face of chatr (REST, MCP) gave it. */
    public static void refused(MetricRegistry metrics, String code) {
        if (metrics != null) {
            metrics.counter("chatr_refusals", new Tag("code", code)).inc();
        }
    }

    private Response answer(Throwable thrown) {
        Throwable failure = refusalWithin(thrown);
        if (failure instanceof RateLimited limited) {
            return rateLimited(limited);
        }
        if (failure instanceof ApiException refusal) {
            return answer(refusal.status(), refusal.code(), refusal.getMessage(), body -> details(refusal, body)).build();
        }
        if (failure instanceof IllegalCharsetNameException || failure instanceof UnsupportedCharsetException) {
            return answer(415, "unsupported_media_type", "Send the body as UTF-8 JSON with Content-Type: application/json.").build();
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromContainer(web.getResponse());
        }
        if (fromTheDatabase(failure) && storage.check().isPresent()) {
            return answer(503, "storage_unavailable", "chatr cannot reach its database right now. Try again in a few seconds.").build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure while answering a request", failure);
        return answer(500, "internal_error", "Something went wrong on our side. Try again later.").build();
    }

    /** Whether a JDBC failure is behind it: then it may be the database that went away (logged by Storage, once). */
    private static boolean fromTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** A refusal raised while the runtime read the body arrives wrapped: find it. */
    private static Throwable refusalWithin(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException || cause instanceof IllegalCharsetNameException
                    || cause instanceof UnsupportedCharsetException) {
                return cause;
            }
        }
        return thrown;
    }

    private static void details(ApiException refusal, JsonObjectBuilder body) {
        refusal.details().forEach((field, value) -> {
            if (!RESERVED.contains(field)) {
                body.add(field, value == null ? JsonValue.NULL : Json.createValue(value));
            }
        });
    }

    private static Response rateLimited(RateLimited limited) {
        long seconds = limited.retryAfterSeconds();
        return answer(429, limited.code(), limited.getMessage(), body -> body.add("retryAfter", seconds))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .header("RateLimit-Policy", limited.limit() + ";w=" + limited.window().toSeconds())
                .header("RateLimit", "limit=" + limited.limit() + ", remaining=0, reset=" + seconds)
                .build();
    }

    /** Refusals raised by the JAX-RS runtime itself: unknown path, wrong method, wrong media type… */
    private static Response fromContainer(Response original) {
        int status = original.getStatus();
        Response.ResponseBuilder answer = switch (status) {
            case 404 -> answer(status, "not_found", "Not found. The API is described at /skills.md");
            case 405 -> answer(status, "method_not_allowed", "This endpoint does not accept that HTTP method.");
            case 406 -> answer(status, "not_acceptable", "This endpoint answers in JSON (or text/event-stream for the stream).");
            case 413 -> answer(status, "payload_too_large", "Request body is too large.");
            case 415 -> answer(status, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
            default -> answer(status, "invalid_request", "The request is not valid.");
        };
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    private static Response.ResponseBuilder answer(int status, String code, String error) {
        return answer(status, code, error, body -> { });
    }

    private static Response.ResponseBuilder answer(int status, String code, String error,
                                                   java.util.function.Consumer<JsonObjectBuilder> extra) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("success", false)
                .add("error", error)
                .add("code", code);
        extra.accept(body);
        Response.StatusType known = Response.Status.fromStatusCode(status);
        return (known != null ? Response.status(known) : Response.status(status))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(body.build());
    }
}
