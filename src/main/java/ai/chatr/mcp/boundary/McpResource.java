package ai.chatr.mcp.boundary;

import ai.chatr.mcp.control.Origins;
import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The MCP endpoint, Streamable HTTP: one JSON-RPC message per POST, answered with one JSON object
 * (no thread waits while a tool's work, such as storing a post, completes). There is no GET stream
 * and sessions cannot be deleted (they hold nothing): GET and DELETE answer 405, as the
 * specification allows.
 */
@Path("mcp")
public class McpResource {

    @Inject
    Mcp mcp;

    @Inject
    Origins origins;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    @POST
    public void post(String body, @Context HttpHeaders headers, @Suspended AsyncResponse response) {
        Exchange exchange = new Exchange(body, headers.getHeaderString("Origin"), headers.getHeaderString("MCP-Protocol-Version"),
                headers.getHeaderString("Mcp-Session-Id"), headers.getHeaderString("Mcp-Method"),
                headers.getHeaderString("Mcp-Name"), headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getHeaderString("X-API-Key"), clientAddress.of(request));
        mcp.handle(exchange).whenComplete((answer, failed) -> response.resume(failed == null ? http(answer) : failed));
    }

    @GET
    public Response get(@Context HttpHeaders headers) {
        return notAllowed(headers);
    }

    @DELETE
    public Response delete(@Context HttpHeaders headers) {
        return notAllowed(headers);
    }

    private Response notAllowed(HttpHeaders headers) {
        if (!origins.allows(headers.getHeaderString("Origin"))) {
            return http(Mcp.forbidden());
        }
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }

    private static Response http(Answer answer) {
        Response.ResponseBuilder http = Response.status(answer.status());
        if (answer.body() != null) {
            http.type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).entity(answer.body().toString());
        }
        answer.headers().forEach(http::header);
        return http.build();
    }
}
