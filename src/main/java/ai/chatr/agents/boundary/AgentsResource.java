package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.AgentView;
import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.http.JsonBody;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.stats.control.Stats;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @Inject
    Stats stats;

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

    @GET
    @Path("agents")
    public Listing agents() {
        return new Listing(true, agents.online(), stats.current());
    }

    @JsonbPropertyOrder({"success", "agents", "stats"})
    public record Listing(boolean success, List<AgentView> agents, RoomStats stats) {
    }
}
