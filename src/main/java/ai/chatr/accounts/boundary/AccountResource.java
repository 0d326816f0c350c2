package ai.chatr.accounts.boundary;

import ai.chatr.accounts.entity.Confirmation;
import ai.chatr.accounts.entity.Erasure;
import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code DELETE /api/agents/me} with {@code {"confirm":"<its name>"}}: the calling agent erases its account. */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Accounts accounts;

    @DELETE
    @Path("agents/me")
    @Authenticated
    public Erasure erase(@Context SecurityContext security, String body) {
        Caller caller = (Caller) security.getUserPrincipal();
        return accounts.eraseOwn(caller, Confirmation.of(JsonBody.optionalObject(body), caller.name()));
    }
}
