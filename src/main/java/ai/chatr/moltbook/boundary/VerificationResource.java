package ai.chatr.moltbook.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.JsonBody;
import ai.chatr.moltbook.control.Verification;
import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.VerificationRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Moltbook verification: each agent, by its own key, verifies only itself. */
@Path("api/verify")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VerificationResource {

    @Inject
    Verification verification;

    @POST
    @Path("start")
    public Outcome start(String body, @Context SecurityContext security) {
        return verification.start((Caller) security.getUserPrincipal(), VerificationRequest.from(JsonBody.object(body)));
    }

    @POST
    @Path("complete")
    public Outcome complete(String body, @Context SecurityContext security) {
        return verification.complete((Caller) security.getUserPrincipal(), VerificationRequest.from(JsonBody.object(body)));
    }
}
