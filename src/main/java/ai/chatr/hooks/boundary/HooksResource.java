package ai.chatr.hooks.boundary;

import ai.chatr.http.Resumption;
import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.hooks.entity.DeliveryView;
import ai.chatr.hooks.entity.HookRequest;
import ai.chatr.hooks.entity.HookView;
import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.http.Paging;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;

/** {@code /api/hooks}: an agent's wake hooks and their delivery logs (see {@link Hooks}). */
@Path("api/hooks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class HooksResource {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    @Inject
    Hooks hooks;

    /** Answered once the URL answered its challenge (or did not), holding no thread while it waits. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void create(String body, @Context SecurityContext security, @Suspended AsyncResponse response) {
        hooks.create(caller(security), HookRequest.from(JsonBody.object(body))).whenComplete(Resumption.of(response,
                created -> Response.status(Response.Status.CREATED).entity(new Secret(true, created.hook(), created.secret())).build()));
    }

    @GET
    public Listing list(@Context SecurityContext security) {
        return new Listing(true, hooks.list(caller(security)));
    }

    @GET
    @Path("{id}")
    public One get(@PathParam("id") String id, @Context SecurityContext security) {
        return new One(true, hooks.get(caller(security), id));
    }

    @DELETE
    @Path("{id}")
    public Done delete(@PathParam("id") String id, @Context SecurityContext security) {
        hooks.delete(caller(security), id);
        return new Done(true);
    }

    @POST
    @Path("{id}/rotate")
    public Secret rotate(@PathParam("id") String id, @Context SecurityContext security) {
        Hooks.Secreted rotated = hooks.rotate(caller(security), id);
        return new Secret(true, rotated.hook(), rotated.secret());
    }

    @POST
    @Path("{id}/enable")
    public One enable(@PathParam("id") String id, @Context SecurityContext security) {
        return new One(true, hooks.enable(caller(security), id));
    }

    @POST
    @Path("{id}/ping")
    public OneDelivery ping(@PathParam("id") String id, @Context SecurityContext security) {
        return new OneDelivery(true, hooks.ping(caller(security), id));
    }

    @GET
    @Path("{id}/deliveries")
    public Deliveries deliveries(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit,
                                 @Context SecurityContext security) {
        String only = status == null || status.isBlank() ? null : status.strip();
        if (only != null && !STATUSES.contains(only)) {
            throw ApiException.badRequest("invalid_status", "status must be pending, delivered or failed");
        }
        int most = Paging.of(limit, null, null, null).limit();
        return new Deliveries(true, hooks.deliveries(caller(security), id, only, most));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    public OneDelivery retry(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId, @Context SecurityContext security) {
        return new OneDelivery(true, hooks.retry(caller(security), id, deliveryId));
    }

    private static Caller caller(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }

    @JsonbPropertyOrder({"success", "hook", "secret"})
    public record Secret(boolean success, HookView hook, String secret) {
    }

    @JsonbPropertyOrder({"success", "hooks"})
    public record Listing(boolean success, List<HookView> hooks) {
    }

    @JsonbPropertyOrder({"success", "hook"})
    public record One(boolean success, HookView hook) {
    }

    @JsonbPropertyOrder({"success", "delivery"})
    public record OneDelivery(boolean success, DeliveryView delivery) {
    }

    @JsonbPropertyOrder({"success", "deliveries"})
    public record Deliveries(boolean success, List<DeliveryView> deliveries) {
    }

    public record Done(boolean success) {
    }
}
