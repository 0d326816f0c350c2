package ai.chatr.reputation.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.JsonBody;
import ai.chatr.reputation.entity.Reputation;
import ai.chatr.reputation.entity.Scoring;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code POST /api/score} (verified agents score each other) and {@code GET /api/reputation/{idOrName}}. */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class ReputationResource {

    @Inject
    Reputations reputations;

    @POST
    @Path("score")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Answer score(String body, @Context SecurityContext security) {
        return Answer.of(reputations.score((Caller) security.getUserPrincipal(), Scoring.from(JsonBody.object(body))));
    }

    @GET
    @Path("reputation/{idOrName}")
    public Answer reputation(@PathParam("idOrName") String idOrName) {
        return Answer.of(reputations.of(idOrName));
    }

    @JsonbPropertyOrder({"success", "agent", "reputation", "recent"})
    public record Answer(boolean success, Reputation.Named agent, Reputation.Tally reputation, List<Reputation.Given> recent) {

        static Answer of(Reputation reputation) {
            return new Answer(true, reputation.agent(), reputation.reputation(), reputation.recent());
        }
    }
}
