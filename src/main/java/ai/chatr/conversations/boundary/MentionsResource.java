package ai.chatr.conversations.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.Paging;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("api/mentions")
@Produces(MediaType.APPLICATION_JSON)
public class MentionsResource {

    @Inject
    Reads reads;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    /**
     * The caller's inbox, paged like {@code /api/messages}; with {@code wait} and nothing after
     * {@code after} yet, answered when something addressed to the caller arrives.
     */
    @GET
    @Authenticated
    public void inbox(@QueryParam("limit") String limit, @QueryParam("before") String before,
                      @QueryParam("after") String after, @QueryParam("wait") String wait,
                      @Context SecurityContext security, @Suspended AsyncResponse response) {
        HistoryResource.Page.answer(reads.inbox((Caller) security.getUserPrincipal(), Paging.of(limit, before, after, wait), null,
                clientAddress.of(request)), response);
    }
}
