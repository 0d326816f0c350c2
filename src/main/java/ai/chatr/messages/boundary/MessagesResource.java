package ai.chatr.messages.boundary;

import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.http.JsonBody;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Post;
import jakarta.inject.Inject;
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

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    @Inject
    Messages messages;

    /** Answered once the message is on disk, holding no thread while it waits for its batch. */
    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public void post(String body, @Context SecurityContext security, @Suspended AsyncResponse response) {
        messages.post((Caller) security.getUserPrincipal(), Post.from(JsonBody.object(body)))
                .whenComplete((message, failed) -> response.resume(failed == null ? new Posted(true, message) : failed));
    }

    @GET
    public Page page(@QueryParam("limit") String limit, @QueryParam("before") String before,
                     @QueryParam("after") String after, @QueryParam("channel") String channel) {
        int size = limit == null || limit.isBlank() ? DEFAULT_LIMIT
                : (int) Math.min(MAX_LIMIT, Math.max(1, id(limit, "limit")));
        return new Page(true, messages.page(size, optionalId(before, "before"), optionalId(after, "after"),
                channel == null || channel.isBlank() ? null : channel));
    }

    private static Long optionalId(String value, String name) {
        return value == null || value.isBlank() ? null : id(value, name);
    }

    private static long id(String value, String name) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiException.badRequest("invalid_" + name, "Invalid " + name + " parameter");
    }

    @JsonbPropertyOrder({"success", "message"})
    public record Posted(boolean success, ChatMessage message) {
    }

    @JsonbPropertyOrder({"success", "messages"})
    public record Page(boolean success, List<ChatMessage> messages) {
    }
}
