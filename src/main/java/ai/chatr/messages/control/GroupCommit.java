package ai.chatr.messages.control;

import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.channels.entity.Channel;
import ai.chatr.http.ApiException;
import ai.chatr.messages.entity.Addressed;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Draft;
import ai.chatr.messages.entity.Committed;
import ai.chatr.messages.entity.Message;
import ai.chatr.messages.entity.MessageCounter;
import ai.chatr.messages.entity.Retry;
import ai.chatr.storage.control.BatchWriter;
import ai.chatr.storage.entity.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Stores posts in batches: one writer thread per node takes whatever posts wait, up to
 * {@code chatr.messages.batch-size}, and stores them in one transaction that takes the id counter
 * once. Ids stay dense and in commit order on any number of nodes (every batch holds the counter row
 * until it commits), and a post is answered only once its batch is on disk. The committed batch is
 * then handed over in one asynchronous event ({@link Committed}) on the dispatcher thread, and once
 * its observers have it (the streams of this node have it queued, the other nodes are told), the
 * posters are answered on other threads. The writer meanwhile stores the next batch.
 * If a batch cannot be stored, its posts are tried one by one, so that one failure fails one post.
 * Inside the batch's transaction, where every node's posts follow each other, a post sent again with
 * its idempotency key is answered the message it stored ({@link Retries}), a post that repeats one of
 * its author's recent ones is refused ({@link Duplicates}) and the others are screened by the
 * {@link LoopGuard}.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Resource
    ManagedThreadFactory threads;


    @Inject
    Transcript transcript;

    @Inject
    Directory directory;

    @Inject
    Duplicates duplicates;

    @Inject
    Retries retries;

    @Inject
    LoopGuard loopGuard;

    @Inject
    Event<Committed> committed;

    /** What else is written with each batch (the wake hooks' deliveries). */
    @Inject
    Instance<Outbox> outboxes;

    /** {@code chatr_messages_accepted_total{channel, verified}}: messages stored. */
    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "chatr.messages.batch-size", defaultValue = "500")
    int batchSize;

    /** Posts that may wait for the writer; beyond, a post is refused as the server being busy. */
    @Inject
    @ConfigProperty(name = "chatr.messages.queue-size", defaultValue = "10000")
    int queueSize;

    /** Hands committed batches to their observers, one at a time and in commit order. */
    private ExecutorService dispatcher;
    /** Answers the posters once their batch was handed over, so that neither waits for the answers. */
    private ExecutorService answers;
    private volatile BatchWriter<Pending> writer;

    /** A post waiting to be stored (with its idempotency key, or null), and its poster waiting for the answer. */
    private record Pending(Caller author, Draft draft, Retry retry, CompletableFuture<Accepted> done) {
    }

    /** A post's answer: the message it stored, or ({@code replayed}) the one its idempotency key stored before. */
    public record Accepted(ChatMessage message, boolean replayed) {
    }

    void start(@Observes DatabaseReady ready) throws Exception {
        prepareStorage();
        int cores = Runtime.getRuntime().availableProcessors();
        dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        answers = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        writer = new BatchWriter<>(threads, "chatr-group-commit", queueSize, batchSize, this::commit, this::failed);
    }

    /**
     * Makes sure the id counter exists, continuing from the highest stored id, and that
     * {@code general} exists, holding what a chatr before channels stored. Two nodes starting at
     * once may both try to create them: the one that loses tries again and finds them.
     */
    private void prepareStorage() throws Exception {
        for (int attempt = 1; ; attempt++) {
            transaction.begin();
            try {
                if (em.find(MessageCounter.class, MessageCounter.ID) == null) {
                    em.persist(new MessageCounter(transcript.lastId()));
                }
                Transcript.Moved unfiled = transcript.moveUnfiled(Channel.GENERAL);
                directory.fileIntoGeneral(unfiled.count(), unfiled.newest());
                transaction.commit();
                return;
            } catch (Exception raced) {
                if (attempt == 3) {
                    throw raced;
                }
                LOG.log(Level.FINE, "Another node was preparing the storage too; trying again", raced);
            } finally {
                rollBackIfActive();
            }
        }
    }

    /**
     * Queues a checked post by {@code author}, sent with the idempotency key of {@code retry} (null:
     * none); the answer is the stored message once its batch committed, or the message the key stored
     * before, or a refusal ({@link ApiException}) when it could not be stored.
     */
    public CompletionStage<Accepted> store(Caller author, Draft draft, Retry retry) {
        Pending pending = new Pending(author, draft, retry, new CompletableFuture<>());
        BatchWriter<Pending> writer = this.writer;
        if (writer == null || !writer.offer(pending)) {
            return CompletableFuture.failedFuture(busy());
        }
        return pending.done();
    }

    /** A batch that failed outside {@link #commit}'s own handling: its posters are told it was not stored. */
    private void failed(List<Pending> batch, Exception unexpected) {
        LOG.log(Level.SEVERE, "The group commit failed unexpectedly", unexpected);
        batch.forEach(pending -> pending.done().completeExceptionally(unavailable()));
        try {
            rollBackIfActive();
        } catch (SystemException notRolledBack) {
            LOG.log(Level.SEVERE, "The failed batch's transaction could not be rolled back", notRolledBack);
        }
    }

    private void commit(List<Pending> taken) {
        List<Pending> batch = List.copyOf(taken);
        Outcome outcome;
        try {
            outcome = insert(batch);
        } catch (Exception failed) {
            if (batch.size() > 1) {
                LOG.log(Level.WARNING, "A batch of " + batch.size() + " posts could not be stored; storing them one by one", failed);
                batch.forEach(pending -> commit(List.of(pending)));
            } else {
                LOG.log(Level.WARNING, "A post could not be stored", failed);
                batch.forEach(pending -> pending.done().completeExceptionally(unavailable()));
            }
            return;
        }
        outcome.refused().forEach((pending, refusal) -> pending.done().completeExceptionally(refusal));
        outcome.replayed().forEach((pending, first) -> pending.done().complete(new Accepted(first, true)));
        if (outcome.stored().isEmpty()) {
            return;
        }
        List<ChatMessage> stored = List.copyOf(outcome.stored().values());
        stored.forEach(message -> metrics.counter("chatr_messages_accepted", new Tag("channel", message.channel()),
                new Tag("verified", Boolean.toString(message.moltbookVerified()))).inc());
        committed.fireAsync(new Committed(stored), NotificationOptions.ofExecutor(dispatcher))
                .whenCompleteAsync((heard, failed) -> {
                    if (failed != null) {
                        LOG.log(Level.WARNING, "Committed messages were not handed over; streams catch up from the database", failed);
                    }
                    outcome.stored().forEach((pending, message) -> pending.done().complete(new Accepted(message, false)));
                }, answers);
    }

    /**
     * What became of a batch's posts: those stored, in id order, those refused (repeats), and those
     * sent again with an idempotency key, with the message it stored.
     */
    private record Outcome(Map<Pending, ChatMessage> stored, Map<Pending, ApiException> refused,
                           Map<Pending, ChatMessage> replayed) {
    }

    /**
     * One transaction: the counter row locked once; every post that is no retry ({@link Retries})
     * and repeats no earlier one ({@link Duplicates}) screened by the {@link LoopGuard} and inserted;
     * the channels' totals counted; then commit.
     */
    private Outcome insert(List<Pending> batch) throws Exception {
        transaction.begin();
        try {
            MessageCounter counter = em.find(MessageCounter.class, MessageCounter.ID, LockModeType.PESSIMISTIC_WRITE);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Map<String, Message> keyed = retries.earlier(batch.stream().filter(pending -> pending.retry() != null)
                    .map(pending -> pending.retry().key()).toList(), now);
            Map<String, Long> earlier = duplicates.earlier(batch.stream().map(pending -> pending.draft().fingerprint()).toList(), now);
            LoopGuard.Round guard = loopGuard.round(batch.stream()
                    .flatMap(pending -> LoopGuard.pairs(pending.author().id(), pending.draft())).distinct().toList(), now);
            Map<Pending, ChatMessage> stored = new LinkedHashMap<>();
            Map<Pending, ApiException> refused = new HashMap<>();
            Map<Pending, ChatMessage> replayed = new HashMap<>();
            List<Outbox.Stored> written = new ArrayList<>(batch.size());
            Map<String, Long> perChannel = new HashMap<>();
            for (Pending pending : batch) {
                Message first = pending.retry() == null ? null : keyed.get(pending.retry().key());
                if (first != null) {
                    try {
                        replayed.put(pending, retries.answer(first, pending.retry()));
                    } catch (ApiException refusal) {
                        refused.put(pending, refusal);
                    }
                    continue;
                }
                Long repeated = earlier.get(pending.draft().fingerprint());
                if (repeated != null) {
                    refused.put(pending, duplicates.refusal(repeated));
                    continue;
                }
                long id = counter.next();
                Draft draft = guard.screen(pending.author().id(), pending.draft(), id);
                Message message = new Message(id, pending.author(), draft, pending.retry(), now);
                em.persist(message);
                if (pending.retry() != null) {
                    keyed.put(pending.retry().key(), message);
                }
                draft.addressing().agentIds().forEach(agentId -> em.persist(new Addressed(id, agentId)));
                if (duplicates.enabled()) {
                    earlier.put(draft.fingerprint(), id);
                }
                ChatMessage view = message.view();
                stored.put(pending, view);
                written.add(new Outbox.Stored(view, draft));
                perChannel.merge(draft.channel(), 1L, Long::sum);
            }
            if (!stored.isEmpty()) {
                directory.recordActivity(perChannel, now);
                outboxes.forEach(outbox -> outbox.write(written));
            }
            transaction.commit();
            return new Outcome(stored, refused, replayed);
        } finally {
            rollBackIfActive();
        }
    }

    private void rollBackIfActive() throws SystemException {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transaction.rollback();
        }
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.stop().forEach(pending -> pending.done().completeExceptionally(busy()));
        }
        if (dispatcher != null) {
            dispatcher.shutdown();
            answers.shutdown();
        }
    }

    private static ApiException busy() {
        return new ApiException(503, "server_busy", "Server busy: too many posts waiting. Try again later.");
    }

    private static ApiException unavailable() {
        return new ApiException(503, "storage_unavailable", "The message could not be stored. Try again later.");
    }
}
