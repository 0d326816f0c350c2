package ai.chatr.conversations.boundary;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.streams.control.Filter;
import ai.chatr.streams.control.Hub;
import ai.chatr.throttling.control.WaitSlots;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Answers "anything new since X?" without a stream: when nothing is there yet, the request waits
 * on the hub (holding no thread) until the first messages arrive, from this node or another, or
 * until its time is up; then it gets an empty page. At most {@code chatr.limits.waits-per-ip}
 * requests of one address wait at once.
 */
@ApplicationScoped
public class Waits {

    @Inject
    Hub hub;

    @Inject
    WaitSlots slots;

    @Resource
    ManagedExecutorService executor;

    /**
     * Answers {@code response} with {@code page} when it holds something or nobody asked to
     * wait; else waits up to {@code wait} for the first messages after {@code after} that
     * {@code filter} lets through (at most {@code limit} of them).
     */
    public void answer(AsyncResponse response, List<ChatMessage> page, Duration wait, Filter filter, long after, int limit,
                       String address, Function<List<ChatMessage>, Object> body) {
        if (!page.isEmpty() || wait == null) {
            response.resume(body.apply(page));
            return;
        }
        slots.take(address);
        AtomicBoolean answered = new AtomicBoolean();
        Runnable done = () -> slots.release(address);
        Runnable[] stop = {() -> { }};
        response.setTimeoutHandler(timedOut -> {
            if (answered.compareAndSet(false, true)) {
                stop[0].run();
                done.run();
                timedOut.resume(body.apply(List.of()));
            }
        });
        response.setTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
        stop[0] = hub.waitFor(filter, after, arrived -> {
            if (answered.compareAndSet(false, true)) {
                done.run();
                executor.execute(() -> response.resume(body.apply(arrived.subList(0, Math.min(limit, arrived.size())))));
            }
        });
    }
}
