package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.Rotated;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/keys/rotate}: the calling agent's new key. Recovering a lost key is Moltbook's ({@code /api/keys/recover}). */
@Path("api/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Inject
    Agents agents;

    @POST
    @Path("rotate")
    public Rotated rotate(@Context SecurityContext security) {
        return agents.rotate((Caller) security.getUserPrincipal());
    }
}
