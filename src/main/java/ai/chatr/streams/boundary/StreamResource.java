package ai.chatr.streams.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.streams.control.ApiFormat;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

@Path("api/stream")
public class StreamResource {

    @Inject
    Streams streams;

    @Inject
    Agents agents;

    @Inject
    ApiFormat format;

    @Context
    HttpServletRequest request;

    /**
     * History, then live messages and stats. {@code Last-Event-ID} (or {@code ?lastEventId=} where
     * a browser cannot set headers) resumes after that message instead. {@code ?channel=a,b}: only
     * those channels' messages; {@code ?for=me} (with the agent's key): only those addressed to it.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery,
                       @QueryParam("channel") String channels,
                       @QueryParam("for") String addressee,
                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                       @HeaderParam("X-API-Key") String apiKey) {
        Caller caller = null;
        if (addressee != null) {
            if (!addressee.equals("me")) {
                throw ApiException.badRequest("invalid_for", "for must be 'me'");
            }
            caller = agents.authenticate(authorization, apiKey);
        }
        streams.open(format, channels, caller, sink, request, lastEventIdHeader, lastEventIdQuery);
    }
}
