package ai.chatr.streams.boundary;

import ai.chatr.streams.control.Channel;
import ai.chatr.streams.control.Hub;
import ai.chatr.streams.control.LastEventId;
import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.StreamSlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.sse.SseEventSink;

/** Opens streams of any channel the same way: a slot for the client, then the hub's replay and live events. */
@ApplicationScoped
public class Streams {

    @Inject
    Hub hub;

    @Inject
    StreamSlots slots;

    @Inject
    ClientAddress clientAddress;

    /**
     * Opens a stream of {@code channel} for the client behind {@code request}, resuming after
     * {@code Last-Event-ID} (header, else {@code ?lastEventId=}) when there is one.
     */
    public void open(Channel channel, SseEventSink sink, HttpServletRequest request,
                     String lastEventIdHeader, String lastEventIdQuery) {
        Long resumeAfter = LastEventId.resumePoint(lastEventIdHeader, lastEventIdQuery);
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(channel, sink, resumeAfter, () -> slots.release(slot));
    }
}
