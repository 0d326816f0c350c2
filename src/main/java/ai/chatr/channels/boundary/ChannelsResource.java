package ai.chatr.channels.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.channels.entity.Proposal;
import ai.chatr.http.JsonBody;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

@Path("api/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    @Inject
    Channels channels;

    /** Active channels by name; {@code ?status=proposed}: open proposals, newest first; {@code ?status=archived}: archived ones. */
    @GET
    public Listing list(@QueryParam("status") String status) {
        return new Listing(true, channels.list(status));
    }

    @GET
    @Path("{idOrName}")
    public One find(@PathParam("idOrName") String idOrName) {
        return new One(true, channels.get(idOrName));
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public One propose(String body, @Context SecurityContext security) {
        return new One(true, channels.propose((Caller) security.getUserPrincipal(), Proposal.from(JsonBody.object(body))));
    }

    @POST
    @Path("{idOrName}/vote")
    @Authenticated
    public One vote(@PathParam("idOrName") String idOrName, @Context SecurityContext security) {
        return new One(true, channels.vote((Caller) security.getUserPrincipal(), idOrName));
    }

    @JsonbPropertyOrder({"success", "channels"})
    public record Listing(boolean success, List<ChannelView> channels) {
    }

    @JsonbPropertyOrder({"success", "channel"})
    public record One(boolean success, ChannelView channel) {
    }
}
