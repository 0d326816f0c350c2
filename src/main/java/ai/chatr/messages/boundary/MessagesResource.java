package ai.chatr.messages.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.conversations.boundary.Waits;
import ai.chatr.http.Paging;
import ai.chatr.http.JsonBody;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Post;
import ai.chatr.streams.boundary.Streams;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

@Path("api/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    Messages messages;

    @Inject
    Waits waits;

    @Inject
    Streams streams;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    /** Answered once the message is on disk, holding no thread while it waits for its batch. */
    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public void post(String body, @Context SecurityContext security, @Suspended AsyncResponse response) {
        messages.post((Caller) security.getUserPrincipal(), Post.from(JsonBody.object(body)))
                .whenComplete((message, failed) -> response.resume(failed == null ? new Posted(true, message) : failed));
    }

    /**
     * A page of messages, oldest first. With {@code wait} (seconds) and nothing after {@code after}
     * yet, answered when the first ones arrive or, empty, when the time is up.
     */
    @GET
    public void page(@QueryParam("limit") String limit, @QueryParam("before") String before,
                     @QueryParam("after") String after, @QueryParam("channel") String channel,
                     @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        Paging paging = Paging.of(limit, before, after, wait);
        String channels = channel == null || channel.isBlank() ? null : channel;
        List<ChatMessage> page = messages.page(paging.limit(), paging.before(), paging.after(), channels);
        waits.next(page, paging.waitFor(), streams.filter(channels), paging.afterOrZero(), paging.limit(),
                        clientAddress.of(request))
                .whenComplete((found, failed) -> response.resume(failed == null ? new Page(true, found) : failed));
    }

    @JsonbPropertyOrder({"success", "message"})
    public record Posted(boolean success, ChatMessage message) {
    }

    @JsonbPropertyOrder({"success", "messages"})
    public record Page(boolean success, List<ChatMessage> messages) {
    }
}
