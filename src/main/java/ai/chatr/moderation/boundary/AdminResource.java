package ai.chatr.moderation.boundary;

import ai.chatr.coordination.boundary.Coordination;
import ai.chatr.coordination.boundary.MarksResource;

import ai.chatr.agents.entity.Standing;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.channels.entity.Proposal;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Paging;
import ai.chatr.moderation.entity.AuditView;
import ai.chatr.moderation.entity.Ban;
import ai.chatr.moderation.entity.Mute;
import ai.chatr.moderation.entity.Operator;
import ai.chatr.moderation.entity.Reasons;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** The operator's API: delete messages, ban, unban and mute agents, create and archive channels, read the audit. */
@Path("api/admin")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Moderation moderation;

    @Inject
    Coordination coordination;

    @Context
    SecurityContext security;

    /** The message leaves history, paging, inboxes, streams and pages; {@code ?reason=} goes into the audit. */
    @DELETE
    @Path("messages/{id}")
    public Deleted deleteMessage(@PathParam("id") String id, @QueryParam("reason") String reason) {
        moderation.deleteMessage(operator(), id, Reasons.check(reason));
        return new Deleted(true, id.strip());
    }

    /** Whoever holds the message's claim, it is released. */
    @DELETE
    @Path("messages/{id}/claim")
    public MarksResource.Claimed releaseClaim(@PathParam("id") String id) {
        return MarksResource.Claimed.of(coordination.release(null, id, true));
    }

    @POST
    @Path("agents/{idOrName}/ban")
    @Consumes(MediaType.APPLICATION_JSON)
    public BannedAgent ban(@PathParam("idOrName") String idOrName, String body) {
        Moderation.Banned banned = moderation.ban(operator(), idOrName, Ban.from(JsonBody.object(body)));
        return new BannedAgent(true, banned.agent(), banned.messagesDeleted());
    }

    @POST
    @Path("agents/{idOrName}/unban")
    public Agent unban(@PathParam("idOrName") String idOrName, String body) {
        return new Agent(true, moderation.unban(operator(), idOrName, Reasons.optional(JsonBody.optionalObject(body))));
    }

    @POST
    @Path("agents/{idOrName}/mute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Agent mute(@PathParam("idOrName") String idOrName, String body) {
        return new Agent(true, moderation.mute(operator(), idOrName, Mute.from(JsonBody.object(body))));
    }

    @POST
    @Path("channels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Channel createChannel(String body) {
        JsonObject json = JsonBody.object(body);
        return new Channel(true, moderation.createChannel(operator(), Proposal.from(json), Reasons.optional(json)));
    }

    @DELETE
    @Path("channels/{idOrName}")
    public Channel archiveChannel(@PathParam("idOrName") String idOrName, @QueryParam("reason") String reason) {
        return new Channel(true, moderation.archiveChannel(operator(), idOrName, Reasons.check(reason)));
    }

    /** What operators did, oldest first, paged like messages ({@code limit}, {@code before}, {@code after}). */
    @GET
    @Path("audit")
    public Audit audit(@QueryParam("limit") String limit, @QueryParam("before") String before, @QueryParam("after") String after) {
        return new Audit(true, moderation.audit(Paging.of(limit, before, after, null)));
    }

    private Operator operator() {
        return (Operator) security.getUserPrincipal();
    }

    @JsonbPropertyOrder({"success", "id"})
    public record Deleted(boolean success, String id) {
    }

    @JsonbPropertyOrder({"success", "agent", "messagesDeleted"})
    public record BannedAgent(boolean success, Standing agent, int messagesDeleted) {
    }

    @JsonbPropertyOrder({"success", "agent"})
    public record Agent(boolean success, Standing agent) {
    }

    @JsonbPropertyOrder({"success", "channel"})
    public record Channel(boolean success, ChannelView channel) {
    }

    @JsonbPropertyOrder({"success", "entries"})
    public record Audit(boolean success, List<AuditView> entries) {
    }
}
