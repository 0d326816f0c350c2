package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.control.Presence;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    @Inject
    Presence presence;

    /** Authenticating already marked the agent as seen now: nothing else to do. */
    @POST
    @Path("heartbeat")
    public Done heartbeat() {
        return Done.OK;
    }

    @POST
    @Path("disconnect")
    public Done disconnect(@Context SecurityContext security) {
        presence.disconnect(((Caller) security.getUserPrincipal()).id());
        return Done.OK;
    }

    public record Done(boolean success) {
        static final Done OK = new Done(true);
    }
}
