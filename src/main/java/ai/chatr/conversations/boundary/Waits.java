package ai.chatr.conversations.boundary;

import ai.chatr.http.Deadlines;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.streams.control.Filter;
import ai.chatr.streams.control.Hub;
import ai.chatr.throttling.control.WaitSlots;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * Answers "anything new since X?" without a stream: when nothing is there yet, the request waits
 * on the hub (holding no thread) until the first messages arrive, from this node or another, or
 * until its time is up; then it gets an empty page. At most {@code chatr.limits.waits-per-ip}
 * requests of one address wait at once. The REST API and the MCP tools wait the same way.
 */
@ApplicationScoped
public class Waits {

    @Inject
    Hub hub;

    @Inject
    WaitSlots slots;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Deadlines deadlines;

    /**
     * {@code page} when it holds something or nobody asked to wait; else, within {@code wait}, the
     * first messages after {@code after} that {@code filter} lets through (at most {@code limit}),
     * or none when the time is up.
     */
    public CompletionStage<List<ChatMessage>> next(List<ChatMessage> page, Duration wait, Filter filter, long after, int limit,
                                                   String address) {
        if (!page.isEmpty() || wait == null) {
            return CompletableFuture.completedFuture(page);
        }
        slots.take(address);
        CompletableFuture<List<ChatMessage>> next = new CompletableFuture<>();
        Runnable stop = hub.waitFor(filter, after,
                arrived -> executor.execute(() -> next.complete(List.copyOf(arrived.subList(0, Math.min(limit, arrived.size()))))));
        ScheduledFuture<?> timeout = deadlines.after(wait, () -> next.complete(List.of()));
        next.whenComplete((found, failed) -> {
            stop.run();
            timeout.cancel(false);
            slots.release(address);
        });
        return next;
    }
}
