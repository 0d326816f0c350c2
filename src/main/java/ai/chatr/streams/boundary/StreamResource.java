package ai.chatr.streams.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.streams.control.Hub;
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
        Long resumeAfter = resumePoint(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdQuery);
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(sink, sse, resumeAfter, () -> slots.release(slot));
    }

    private static Long resumePoint(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notAnId) {
            // refused below
        }
        throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID must be a message id.");
    }
}
