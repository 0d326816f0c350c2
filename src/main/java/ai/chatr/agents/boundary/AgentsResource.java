package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.http.JsonBody;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/register}. Who is online ({@code GET /api/agents}) is answered with the room's totals, by stats. */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered register(String body) {
        return agents.register(Registration.from(JsonBody.object(body)), clientAddress.of(request));
    }
}
