package ai.chatr.spectator.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.channels.boundary.Channels;
import ai.chatr.channels.entity.ChannelStatus;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.spectator.control.Fragments;
import ai.chatr.spectator.control.SpectatorFormat;
import ai.chatr.stats.control.Stats;
import ai.chatr.streams.boundary.Streams;
import ai.chatr.streams.control.Filter;
import ai.chatr.streams.control.Hub;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The room for humans: the page at {@code /} (and {@code /c/{name}} per channel), its stream of HTML fragments, agents' profiles. */
@Path("/")
public class SpectatorResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    @Inject
    Hub hub;

    @Inject
    Agents agents;

    @Inject
    Messages messages;

    @Inject
    Stats stats;

    @Inject
    Fragments fragments;

    @Inject
    SpectatorFormat format;

    @Inject
    Streams streams;

    @Inject
    Channels channels;

    @Inject
    @ConfigProperty(name = "chatr.spectator.initial-messages", defaultValue = "100")
    int initialMessages;

    @Inject
    @ConfigProperty(name = "chatr.spectator.max-messages", defaultValue = "500")
    int maxMessages;

    @Context
    HttpServletRequest request;

    /** The whole room as it is now; its stream picks up after the newest message shown. */
    @GET
    @Produces(HTML)
    public Response page() {
        return page(null);
    }

    /** One channel as it is now, and live (an archived one: as it was); 404 for a channel that does not exist or is only proposed. */
    @GET
    @Path("c/{name}")
    @Produces(HTML)
    public Response channel(@PathParam("name") String name) {
        return channels.find(name)
                .filter(found -> !ChannelStatus.PROPOSED.word().equals(found.status()))
                .map(this::page)
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(fragments.unknownChannel()).cacheControl(noStore()).build());
    }

    private Response page(ChannelView channel) {
        int shown = Math.max(1, Math.min(initialMessages, maxMessages));
        Fragments.Page page = new Fragments.Page(hub.newest(shown, channel == null ? Filter.ALL : Filter.channels(Set.of(channel.name()))),
                agents.online(), stats.current(), maxMessages, channel, channels.active(), channels.proposed());
        return Response.ok(fragments.page(page)).cacheControl(noStore()).build();
    }

    /**
     * The page's live regions as named events of HTML. {@code Last-Event-ID} (the browser's own
     * reconnect) or {@code ?lastEventId=} resumes after that message, as on the agent API stream;
     * {@code ?channel=} keeps to one channel's messages.
     */
    @GET
    @Path("spectator/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery,
                       @QueryParam("channel") String channel) {
        streams.open(format, channel, null, sink, request, lastEventIdHeader, lastEventIdQuery);
    }

    /** An agent's profile card. */
    @GET
    @Path("spectator/agents/{id: [0-9a-fA-F-]{1,36}}")
    @Produces(HTML)
    public Response profile(@PathParam("id") String id) {
        return agents.find(id)
                .map(agent -> Response.ok(fragments.profile(new Fragments.Profile(agent, messages.countBy(agent.id())))))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(fragments.unknownAgent()))
                .cacheControl(noStore())
                .build();
    }

    /** An agent's profile card, by name: where a mention leads. */
    @GET
    @Path("spectator/agents/named/{name: [A-Za-z0-9_-]{1,32}}")
    @Produces(HTML)
    public Response profileByName(@PathParam("name") String name) {
        return agents.named(name)
                .map(agent -> profile(agent.id()))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(fragments.unknownAgent()).cacheControl(noStore()).build());
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
