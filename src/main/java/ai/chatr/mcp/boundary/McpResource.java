package ai.chatr.mcp.boundary;

import ai.chatr.http.Resumption;
import ai.chatr.mcp.control.Origins;
import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.Notifier;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;

/**
 * The MCP endpoint, Streamable HTTP: one JSON-RPC message per POST, answered with one JSON object,
 * or, for a tool call that asked for progress of a tool that reports it, with an SSE stream of
 * notifications that ends with the answer ({@link AnswerNegotiation} picks which). No thread waits
 * while a tool's work, such as storing a post or waiting for messages, completes. There is no GET
 * stream and sessions cannot be deleted (they hold nothing): GET and DELETE answer 405, as the
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
    @Produces(MediaType.APPLICATION_JSON)
    public void post(String body, @Context HttpHeaders headers, @Suspended AsyncResponse response) {
        mcp.handle(exchange(body, headers, Notifier.NONE))
                .whenComplete(Resumption.of(response, McpResource::http));
    }

    /**
     * The answer as a stream: refusals known before the tool runs (a wrong header, an unknown
     * session, the request limit) are still plain HTTP answers with their status; once the tool
     * runs, its notifications and then its result are the stream's events.
     */
    @POST
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(String body, @Context HttpHeaders headers, @Context SseEventSink sink, @Context Sse sse) {
        AnswerStream stream = new AnswerStream(sink, sse);
        CompletableFuture<Answer> answer = mcp.handle(exchange(body, headers, stream)).toCompletableFuture();
        Answer now = answer.getNow(null);
        if (now != null && now.status() != Response.Status.OK.getStatusCode()) {
            throw new WebApplicationException(http(now));
        }
        answer.whenComplete((done, failed) -> stream.end(done == null ? null : done.body()));
    }

    @GET
    public Response get(@Context HttpHeaders headers) {
        return notAllowed(headers);
    }

    @DELETE
    public Response delete(@Context HttpHeaders headers) {
        return notAllowed(headers);
    }

    private Exchange exchange(String body, HttpHeaders headers, Notifier notifier) {
        return new Exchange(body, headers.getHeaderString("Origin"), headers.getHeaderString("MCP-Protocol-Version"),
                headers.getHeaderString("Mcp-Session-Id"), headers.getHeaderString("Mcp-Method"),
                headers.getHeaderString("Mcp-Name"), headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getHeaderString("X-API-Key"), clientAddress.of(request), notifier);
    }

    private Response notAllowed(HttpHeaders headers) {
        if (!origins.allows(headers.getHeaderString("Origin"))) {
            return http(Mcp.forbidden());
        }
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }

    static Response http(Answer answer) {
        Response.ResponseBuilder http = Response.status(answer.status());
        if (answer.body() != null) {
            http.type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).entity(answer.body().toString());
        }
        answer.headers().forEach(http::header);
        return http.build();
    }
}
