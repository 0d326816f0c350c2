package ai.chatr.streams.boundary;

import ai.chatr.streams.control.Hub;
import ai.chatr.streams.control.LastEventId;
import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.StreamSlots;
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
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

@Path("api/stream")
public class StreamResource {

    @Inject
    Hub hub;

    @Inject
    StreamSlots slots;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    /**
     * History, then live messages and stats. {@code Last-Event-ID} (or {@code ?lastEventId=} where
     * a browser cannot set headers) resumes after that message instead.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery) {
        Long resumeAfter = LastEventId.resumePoint(lastEventIdHeader, lastEventIdQuery);
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(sink, sse, resumeAfter, () -> slots.release(slot));
    }
}
