package ai.chatr.conversations.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.Paging;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.streams.boundary.Streams;
import ai.chatr.streams.control.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reading, for every face (REST and MCP): a page of history, or of an agent's inbox, and when the
 * page is empty and the reader asked to wait, the first messages that arrive (see {@link Waits}).
 */
@ApplicationScoped
public class Reads {

    @Inject
    Messages messages;

    @Inject
    Conversations conversations;

    @Inject
    Streams streams;

    @Inject
    Waits waits;

    /** The room's messages in the comma-separated {@code channels} (all when blank); 404 for an unknown channel. */
    public CompletionStage<List<ChatMessage>> room(Paging paging, String channels, String address) {
        String named = channels == null || channels.isBlank() ? null : channels;
        Filter filter = streams.filter(named);
        List<ChatMessage> page = messages.page(paging.limit(), paging.before(), paging.after(), named);
        return waits.next(page, paging.waitFor(), filter, paging.afterOrZero(), paging.limit(), address);
    }

    /** What mentions {@code caller} or replies to it, in {@code channels} (all when blank). */
    public CompletionStage<List<ChatMessage>> inbox(Caller caller, Paging paging, String channels, String address) {
        Filter ofChannels = streams.filter(channels);
        List<ChatMessage> page = conversations.inbox(caller, paging);
        if (ofChannels != Filter.ALL) {
            page = page.stream().filter(ofChannels::wants).toList(); // the inbox holds only what is addressed to the caller
        }
        return waits.next(page, paging.waitFor(), ofChannels.addressedTo(caller.id()), paging.afterOrZero(), paging.limit(), address);
    }
}
