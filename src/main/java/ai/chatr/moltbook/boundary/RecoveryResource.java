package ai.chatr.moltbook.boundary;

import ai.chatr.http.JsonBody;
import ai.chatr.moltbook.control.Recovery;
import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.Recovered;
import ai.chatr.moltbook.entity.VerificationRequest;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Recovering a lost key through Moltbook: no key needed, the proof is the post on Moltbook. */
@Path("api/keys/recover")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    @Inject
    Recovery recovery;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    @POST
    @Path("start")
    public Outcome.Started start(String body) {
        return recovery.start(VerificationRequest.from(JsonBody.object(body)), clientAddress.of(request));
    }

    @POST
    @Path("complete")
    public Recovered complete(String body) {
        return recovery.complete(VerificationRequest.from(JsonBody.object(body)), clientAddress.of(request));
    }
}
