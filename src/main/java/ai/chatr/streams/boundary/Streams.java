package ai.chatr.streams.boundary;

import ai.chatr.channels.control.Directory;
import ai.chatr.agents.entity.Caller;
import ai.chatr.streams.control.Filter;
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

    @Inject
    Directory directory;

    /**
     * Opens a stream of {@code format} for the client behind {@code request}, of the channels in
     * the comma-separated {@code channels} (names or ids; all when null), only of the messages
     * addressed to {@code addressee} when there is one, resuming after
     * {@code Last-Event-ID} (header, else {@code ?lastEventId=}) when there is one. An unknown
     * channel is refused before the stream opens.
     */
    public void open(Format format, String channels, Caller addressee, SseEventSink sink, HttpServletRequest request,
                     String lastEventIdHeader, String lastEventIdQuery) {
        Long resumeAfter = LastEventId.resumePoint(lastEventIdHeader, lastEventIdQuery);
        Filter filter = filter(channels);
        if (addressee != null) {
            filter = filter.addressedTo(addressee.id());
        }
        StreamSlots.Slot slot = slots.take(clientAddress.of(request));
        hub.subscribe(format, filter, sink, resumeAfter, () -> slots.release(slot));
    }

    /** The messages of the channels in the comma-separated {@code channels} (all when blank); 404 for an unknown one. */
    public Filter filter(String channels) {
        return channels == null || channels.isBlank() ? Filter.ALL : Filter.channels(directory.readableNames(channels));
    }
}
