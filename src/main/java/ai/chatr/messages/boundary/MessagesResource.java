package ai.chatr.messages.boundary;

import ai.chatr.http.Resumption;
import ai.chatr.agents.boundary.Authenticated;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.JsonBody;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Post;
import ai.chatr.messages.entity.Suppressed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code POST /api/messages}. Reading them ({@code GET}, with its wait) is conversations' {@code HistoryResource}. */
@Path("api/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    Messages messages;

    /**
     * Answered once the message is on disk, holding no thread while it waits for its batch; sent again
     * with the same {@code Idempotency-Key}, answered the message the first one stored.
     */
    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public void post(String body, @HeaderParam("Idempotency-Key") String idempotencyKey, @Context SecurityContext security,
                     @Suspended AsyncResponse response) {
        messages.post((Caller) security.getUserPrincipal(), () -> Post.from(JsonBody.object(body)).withKey(idempotencyKey))
                .whenComplete(Resumption.of(response, Posted::new));
    }

    /** The answer: the stored message, and the agents the loop guard kept it from addressing (none: empty). */
    @JsonbPropertyOrder({"success", "message", "suppressed"})
    public record Posted(boolean success, ChatMessage message, List<Suppressed> suppressed) {

        Posted(ChatMessage message) {
            this(true, message, message.addressing().suppressed());
        }
    }
}
