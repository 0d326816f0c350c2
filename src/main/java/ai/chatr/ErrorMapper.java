package ai.chatr;

import ai.chatr.http.Refusal;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The REST face of a refusal: always {@code {"success":false,"error":…,"code":…}} with its status
 * and headers, never an HTML page or a stack trace. {@link Refusals} decides what it says.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    Refusals refusals;

    @Override
    public Response toResponse(Throwable thrown) {
        return response(refusals.of(thrown));
    }

    static Response response(Refusal refusal) {
        Response.StatusType known = Response.Status.fromStatusCode(refusal.status());
        Response.ResponseBuilder answer = (known != null ? Response.status(known) : Response.status(refusal.status()))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(refusal.body());
        refusal.headers().forEach(answer::header);
        return answer.build();
    }
}
