package ai.chatr.conversations.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.Paging;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** An agent's inbox: the messages that mention it or reply to it, oldest first. */
@ApplicationScoped
public class Conversations {

    @Inject
    Transcript transcript;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> inbox(Caller agent, Paging paging) {
        return transcript.addressedTo(agent.id(), paging.limit(), paging.before(), paging.after());
    }
}
