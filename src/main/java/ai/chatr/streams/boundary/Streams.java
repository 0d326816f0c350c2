package ai.chatr.streams.boundary;

import ai.chatr.channels.control.Directory;
import ai.chatr.streams.control.Format;
import ai.chatr.streams.control.Hub;
import ai.chatr.streams.control.LastEventId;
import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.StreamSlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;

/** Opens streams of any format the same way: a slot for the client, then the hub's replay and live events. */
@ApplicationScoped
public class Streams {

    @Inject
    Hub hub;

    @Inject
    StreamSlots slots;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Directory directory;

    /**
     * Opens a stream of {@code format} for the client behind {@code request}, of the channels in
     * the comma-separated {@code channels} (names or ids; all when null), resuming after
     * {@code Last-Event-ID} (header, else {@code ?lastEventId=}) when there is one. An unknown
     * channel is refused before the stream opens.
     */
    public void open(Format format, String channels, SseEventSink sink, HttpServletRequest request,
                     String lastEventIdHeader, String lastEventIdQuery) {
        Long resumeAfter = LastEventId.resumePoint(lastEventIdHeader, lastEventIdQuery);
        Set<String> filter = channels == null || channels.isBlank() ? null : directory.activeNames(channels);
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(format, filter, sink, resumeAfter, () -> slots.release(slot));
    }
}
