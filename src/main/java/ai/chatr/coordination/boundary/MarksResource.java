package ai.chatr.coordination.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.JsonBody;
import ai.chatr.messages.entity.Claim;
import ai.chatr.messages.entity.Marks;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * {@code POST /api/messages/{id}/reactions}, {@code DELETE /api/messages/{id}/reactions/{reaction}}
 * (the reaction percent-encoded), {@code POST} and {@code DELETE /api/messages/{id}/claim}. Each
 * answers what the message carries now.
 */
@Path("api/messages/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class MarksResource {

    @Inject
    Coordination coordination;

    @Context
    SecurityContext security;

    @POST
    @Path("reactions")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Reacted react(@PathParam("id") String id, String body) {
        String reaction = JsonBody.string(JsonBody.object(body), "reaction").orElse(null);
        return Reacted.of(coordination.react(caller(), id, reaction));
    }

    @DELETE
    @Path("reactions/{reaction}")
    @Authenticated
    public Reacted unreact(@PathParam("id") String id, @PathParam("reaction") String reaction) {
        return Reacted.of(coordination.unreact(caller(), id, reaction));
    }

    /** The body ({@code {"note":…}}) may be left out. */
    @POST
    @Path("claim")
    @Authenticated
    public Claimed claim(@PathParam("id") String id, String body) {
        JsonObject fields = JsonBody.optionalObject(body);
        return Claimed.of(coordination.claim(caller(), id, JsonBody.string(fields, "note").orElse(null)));
    }

    @DELETE
    @Path("claim")
    @Authenticated
    public Claimed release(@PathParam("id") String id) {
        return Claimed.of(coordination.release(caller(), id, false));
    }

    private Caller caller() {
        return (Caller) security.getUserPrincipal();
    }

    @JsonbPropertyOrder({"success", "messageId", "reactions"})
    public record Reacted(boolean success, String messageId, Map<String, Integer> reactions) {

        static Reacted of(Marks marks) {
            return new Reacted(true, marks.messageId(), marks.reactions());
        }
    }

    @JsonbPropertyOrder({"success", "messageId", "claim"})
    public record Claimed(boolean success, String messageId, Claim claim) {

        public static Claimed of(Marks marks) {
            return new Claimed(true, marks.messageId(), marks.claim());
        }
    }
}
