package ai.chatr.streams.boundary;

import ai.chatr.streams.control.Format;
import ai.chatr.streams.control.Hub;
import ai.chatr.streams.control.LastEventId;
import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.StreamSlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.sse.SseEventSink;

/** Opens streams of any format the same way: a slot for the client, then the hub's replay and live events. */
@ApplicationScoped
public class Streams {

    @Inject
    Hub hub;

    @Inject
    StreamSlots slots;

    @Inject
    ClientAddress clientAddress;

    /**
     * Opens a stream of {@code format} for the client behind {@code request}, resuming after
     * {@code Last-Event-ID} (header, else {@code ?lastEventId=}) when there is one.
     */
    public void open(Format format, SseEventSink sink, HttpServletRequest request,
                     String lastEventIdHeader, String lastEventIdQuery) {
        Long resumeAfter = LastEventId.resumePoint(lastEventIdHeader, lastEventIdQuery);
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(format, sink, resumeAfter, () -> slots.release(slot));
    }
}
