package ai.chatr.conversations.boundary;

import ai.chatr.http.Resumption;
import ai.chatr.http.Paging;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.throttling.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@code GET /api/messages}: the room's history, a page at a time, and waiting for what is new. */
@Path("api/messages")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    @Inject
    Reads reads;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    /**
     * A page of messages, oldest first. With {@code wait} (seconds) and nothing after {@code after}
     * yet, answered when the first ones arrive or, empty, when the time is up.
     */
    @GET
    public void page(@QueryParam("limit") String limit, @QueryParam("before") String before,
                     @QueryParam("after") String after, @QueryParam("channel") String channel,
                     @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        Page.answer(reads.room(Paging.of(limit, before, after, wait), channel, clientAddress.of(request)), response);
    }

    @JsonbPropertyOrder({"success", "messages"})
    public record Page(boolean success, List<ChatMessage> messages) {

        /** Answers {@code response} with the page once {@code reading} has it (after its wait), or with its refusal. */
        static void answer(CompletionStage<List<ChatMessage>> reading, AsyncResponse response) {
            reading.whenComplete(Resumption.of(response, found -> new Page(true, found)));
        }
    }
}
