package ai.chatr.http;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines chatr sets per request or per delivery (a body that must arrive, a wait that must
 * end, a hook's answer that must come), all on one thread of the container's. The container's
 * managed scheduler captures the caller's context for every task it is given, which cost more than
 * the request itself on the posting path; these tasks need none, since they only end what their
 * request started. A cancelled deadline leaves the queue at once.
 */
@ApplicationScoped
public class Deadlines {

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor timer;

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} once {@code after} has passed, unless cancelled first. */
    public ScheduledFuture<?> after(Duration after, Runnable task) {
        return timer.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
