package ai.chatr;

import ai.chatr.http.ApiException;
import ai.chatr.http.Refusal;
import ai.chatr.storage.control.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The one place that decides how chatr refuses, whichever face (REST, MCP, the page) tells it: a
 * refusal raised on purpose ({@link ApiException}, a limit with its retry time), a refusal of the
 * JAX-RS runtime (unknown path, wrong method or media type, body too large), a charset chatr cannot
 * read, the database while it is away (503 {@code storage_unavailable}), and anything else: logged
 * here, once, and answered with a bland 500 {@code internal_error}. Each refusal is counted in
 * {@code chatr_refusals_total{code}}.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class.getName());
    static final Refusal STORAGE_UNAVAILABLE = new Refusal(503, "storage_unavailable",
            "chatr cannot reach its database right now. Try again in a few seconds.");
    static final Refusal INTERNAL_ERROR = new Refusal(500, "internal_error", "Something went wrong on our side. Try again later.");

    @Inject
    Storage storage;

    @Inject
    MetricRegistry metrics;

    /** The refusal for this failure, counted; call it once per answer. */
    public Refusal of(Throwable thrown) {
        Refusal refusal = decide(thrown);
        if (metrics != null) {
            metrics.counter("chatr_refusals", new Tag("code", refusal.code())).inc();
        }
        return refusal;
    }

    Refusal decide(Throwable thrown) {
        Throwable failure = unwrapped(thrown);
        Throwable refusal = refusalWithin(failure);
        if (refusal instanceof ApiException refused) {
            return Refusal.of(refused);
        }
        if (refusal instanceof IllegalCharsetNameException || refusal instanceof UnsupportedCharsetException) {
            return new Refusal(415, "unsupported_media_type", "Send the body as UTF-8 JSON with Content-Type: application/json.");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromContainer(web.getResponse());
        }
        if (fromTheDatabase(failure) && storage != null && storage.check().isPresent()) {
            return STORAGE_UNAVAILABLE;
        }
        LOG.log(Level.SEVERE, "Unexpected failure while answering a request", failure);
        return INTERNAL_ERROR;
    }

    /** What an asynchronous step failed with, rather than its envelope. */
    private static Throwable unwrapped(Throwable thrown) {
        Throwable failure = thrown;
        while ((failure instanceof CompletionException || failure instanceof ExecutionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
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

    /** Whether a JDBC failure is behind it: then it may be the database that went away (logged by Storage, once). */
    private static boolean fromTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Refusals raised by the JAX-RS runtime itself: unknown path, wrong method, wrong media type… */
    static Refusal fromContainer(Response original) {
        int status = original.getStatus();
        Refusal refusal = switch (status) {
            case 404 -> new Refusal(status, "not_found", "Not found. The API is described at /skills.md");
            case 405 -> new Refusal(status, "method_not_allowed", "This endpoint does not accept that HTTP method.");
            case 406 -> new Refusal(status, "not_acceptable", "This endpoint answers in JSON (or text/event-stream for the stream).");
            case 413 -> new Refusal(status, "payload_too_large", "Request body is too large.");
            case 415 -> new Refusal(status, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
            default -> new Refusal(status, "invalid_request", "The request is not valid.");
        };
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? refusal : refusal.withHeader(HttpHeaders.ALLOW, allow);
    }
}
