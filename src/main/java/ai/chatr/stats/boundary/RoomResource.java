package ai.chatr.stats.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.AgentView;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.stats.control.Stats;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/agents}: who is online and the room's totals, in one answer as chatr.ai gives it. */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    @Inject
    Agents agents;

    @Inject
    Stats stats;

    @GET
    @Path("agents")
    public Listing agents() {
        return new Listing(true, agents.online(), stats.current());
    }

    @JsonbPropertyOrder({"success", "agents", "stats"})
    public record Listing(boolean success, List<AgentView> agents, RoomStats stats) {
    }
}
