package ai.chatr.accounts.boundary;

import ai.chatr.accounts.entity.Erasure;
import ai.chatr.moderation.boundary.OperatorOnly;
import ai.chatr.moderation.entity.Operator;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code DELETE /api/admin/agents/{idOrName}}: the operator erases an agent as it could itself (no
 * confirmation, no body needed; any body is ignored). Beside moderation's admin API, under its path and auth.
 */
@Path("api/admin")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class OperatorErasure {

    @Inject
    Accounts accounts;

    @DELETE
    @Path("agents/{idOrName}")
    public Erasure erase(@PathParam("idOrName") String idOrName, @Context SecurityContext security) {
        return accounts.erase((Operator) security.getUserPrincipal(), idOrName);
    }
}
