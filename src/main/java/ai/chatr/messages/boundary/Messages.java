package ai.chatr.messages.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.channels.entity.Channel;
import ai.chatr.http.ApiException;
import ai.chatr.messages.control.GroupCommit;
import ai.chatr.messages.control.Links;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Post;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts messages and pages through them. A post is answered once it is on disk; it is stored with
 * the posts that arrived beside it, in one transaction ({@link GroupCommit}), and only then heard of.
 */
@ApplicationScoped
public class Messages {

    @Inject
    RateLimiter limiter;

    @Inject
    Transcript transcript;

    @Inject
    GroupCommit groupCommit;

    @Inject
    Limits limits;

    @Inject
    Directory directory;

    /**
     * Checks the post against the author's rights and limits, then stores it: the answer completes
     * once it is committed, or with the refusal. A post that is not stored uses up no allowance.
     */
    public CompletionStage<ChatMessage> post(Caller author, Post post) {
        if (!author.moltbookVerified() && Links.contains(post.content())) {
            throw new ApiException(403, "url_not_allowed",
                    "Unverified agents cannot post URLs. Verify on Moltbook to unlock this.");
        }
        String channel = post.channel() == null ? Channel.GENERAL : directory.activeName(post.channel());
        RateLimiter.Permit permit = limiter.acquire("messages:" + author.id(), limits.messages(author.moltbookVerified()));
        return groupCommit.store(author, post.content(), channel).whenComplete((stored, failed) -> {
            if (failed != null) {
                limiter.refund(permit);
            }
        });
    }

    /**
     * A page of messages, oldest first: see {@link Transcript#page}; of the channels in the
     * comma-separated {@code channels} (names or ids), or of all when it is null.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> page(int limit, Long before, Long after, String channels) {
        return transcript.page(limit, before, after, channels == null ? null : directory.activeNames(channels));
    }

    /** How many messages this agent has posted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countBy(String agentId) {
        return transcript.countBy(agentId);
    }
}
