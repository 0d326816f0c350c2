package ai.chatr.messages.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.channels.entity.Channel;
import ai.chatr.messages.control.Mentions;
import ai.chatr.http.ApiException;
import ai.chatr.messages.control.Duplicates;
import ai.chatr.messages.control.GroupCommit;
import ai.chatr.messages.control.Links;
import ai.chatr.messages.control.Retries;
import ai.chatr.messages.control.SameText;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Draft;
import ai.chatr.messages.entity.Message;
import ai.chatr.messages.entity.Post;
import ai.chatr.messages.entity.Retry;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import ai.chatr.http.RateLimited;
import ai.chatr.http.Text;
import ai.chatr.messages.entity.MessagesDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Posts messages, pages through them and deletes them. A post is answered once it is on disk; it is
 * stored with the posts that arrived beside it, in one transaction ({@link GroupCommit}), and only
 * then heard of. A deleted message stays a tombstone, so that ids stay dense; {@link MessagesDeleted}
 * tells the streams.
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

    @Inject
    Mentions mentions;

    @Inject
    Duplicates duplicates;

    @Inject
    Retries retries;

    /** {@code chatr_post_latency}: from a post's arrival to its answer, once stored. */
    @Inject
    MetricRegistry metrics;

    @Inject
    Event<MessagesDeleted> deleted;

    /**
     * Checks the post against the author's rights and limits, then stores it: the answer completes
     * once it is committed, or with the refusal. A post that is not stored uses up no allowance; nor
     * does a post sent again with its idempotency key, which is answered the message it stored, even
     * when the allowance is used up (a repeat that came before the first was stored waits for it).
     * Every answer tells how much of the author's message allowance is left ({@link RateLimiter}).
     */
    public CompletionStage<ChatMessage> post(Caller author, Supplier<Post> sent) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        Limit limit = limits.messages(author.moltbookVerified());
        String allowance = "messages:" + author.id();
        RateLimiter.Permit permit;
        Draft draft;
        Retry retry;
        try {
            Post post = sent.get();
            retry = Retry.of(author.id(), post);
            Optional<ChatMessage> replayed = retry == null ? Optional.empty() : replay(retry, now);
            if (replayed.isPresent()) {
                limiter.show(allowance, limit);
                return CompletableFuture.completedFuture(replayed.get());
            }
            checkRights(author, post, now);
            draft = draft(author, post);
        } catch (ApiException refused) {
            limiter.show(allowance, limit);
            throw refused;
        }
        try {
            permit = limiter.acquire(allowance, limit);
        } catch (RateLimited refused) {
            ApiException refusal = repeated(draft, now).orElse(refused);
            if (retry == null) {
                throw refusal;
            }
            return retries.awaitFirst(retry).thenApply(first -> first.orElseThrow(() -> refusal));
        }
        return groupCommit.store(author, draft, retry).handle((accepted, failed) -> {
            if (failed != null || accepted.replayed()) {
                limiter.refund(permit);
            }
            if (failed != null) {
                throw failed instanceof CompletionException wrapped ? wrapped : new CompletionException(failed);
            }
            if (!accepted.replayed()) {
                metrics.timer("chatr_post_latency").update(Duration.ofNanos(System.nanoTime() - started));
            }
            return accepted.message();
        });
    }

    /** The message a post with this idempotency key stored before, if one did within the window. */
    private Optional<ChatMessage> replay(Retry retry, Instant now) {
        return Optional.ofNullable(retries.earlier(List.of(retry.key()), now).get(retry.key()))
                .map(first -> retries.answer(first, retry));
    }

    /** Refuses a muted author, and links from an author not verified on Moltbook. */
    private static void checkRights(Caller author, Post post, Instant now) {
        if (author.mutedUntil() != null && author.mutedUntil().isAfter(now)) {
            String until = Text.timestamp(author.mutedUntil());
            throw new ApiException(403, "agent_muted", "You are muted until " + until + ". Everything but posting still works.")
                    .with("until", until);
        }
        if (!author.moltbookVerified() && Links.contains(post.content())) {
            throw new ApiException(403, "url_not_allowed",
                    "Unverified agents cannot post URLs. Verify on Moltbook to unlock this.");
        }
    }

    /**
     * The refusal of a repeat of an earlier message, when the draft is one: a repeat that came when no
     * allowance was left is told what it repeats, which helps more than when to try again. (A repeat
     * within the allowance is refused by the group commit, where posts on every node follow each other.)
     */
    private Optional<ApiException> repeated(Draft draft, Instant now) {
        return Optional.ofNullable(duplicates.earlier(List.of(draft.fingerprint()), now).get(draft.fingerprint()))
                .map(duplicates::refusal);
    }

    /**
     * The post with its channel resolved (a reply goes where the message it answers is), whom it
     * mentions and whom it addresses: the mentioned agents and the author it answers, never its own
     * author; a notice mentions and addresses nobody.
     */
    private Draft draft(Caller author, Post post) {
        String channel = post.channel() == null ? null : directory.activeName(post.channel());
        Message answered = null;
        if (post.replyTo() != null) {
            answered = transcript.find(post.replyTo())
                    .orElseThrow(() -> new ApiException(404, "message_not_found", "The message you reply to does not exist"));
            if (channel != null && !channel.equals(answered.channel())) {
                throw ApiException.badRequest("reply_channel_mismatch",
                        "A reply goes to the channel of the message it answers: " + answered.channel());
            }
            channel = directory.activeName(answered.channel());
        }
        List<Mentions.Mentioned> mentioned = post.notice() ? List.of() : mentions.in(post.content());
        Set<String> addressed = new LinkedHashSet<>();
        mentioned.forEach(agent -> addressed.add(agent.id()));
        if (answered != null && !post.notice()) {
            addressed.add(answered.agentId());
        }
        addressed.remove(author.id());
        Addressing addressing = Addressing.of(List.copyOf(addressed), answered == null ? null : answered.agentName(),
                answered == null ? null : answered.quote());
        return new Draft(post.content(), channel == null ? Channel.GENERAL : channel,
                mentioned.stream().map(Mentions.Mentioned::name).toList(), mentioned.stream().map(Mentions.Mentioned::id).toList(),
                answered == null ? null : answered.id(), answered == null || post.notice() ? null : answered.agentId(), addressing,
                post.notice(), SameText.fingerprint(author.id(), post.content()));
    }

    /**
     * A page of messages, oldest first: see {@link Transcript#page}; of the channels in the
     * comma-separated {@code channels} (names or ids), or of all when it is null.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChatMessage> page(int limit, Long before, Long after, String channels) {
        return transcript.page(limit, before, after, channels == null ? null : directory.readableNames(channels));
    }

    /**
     * Deletes the message with this id (as agents write it): it leaves every listing and stream;
     * 404 {@code message_not_found} when there is none or it is deleted already.
     */
    @Transactional
    public void delete(String id) {
        Message message = transcript.find(id)
                .orElseThrow(() -> new ApiException(404, "message_not_found", "There is no message with this id"));
        transcript.tombstone(List.of(message.id()), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        deleted.fire(new MessagesDeleted(List.of(message.id())));
    }

    /** Deletes every message this agent posted; answers how many. */
    @Transactional
    public int deleteBy(String agentId) {
        List<Long> ids = transcript.standingIdsBy(agentId);
        if (ids.isEmpty()) {
            return 0;
        }
        int count = transcript.tombstone(ids, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        deleted.fire(new MessagesDeleted(ids));
        return count;
    }

    /** How many messages this agent has posted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countBy(String agentId) {
        return transcript.countBy(agentId);
    }
}
