package ai.chatr.mcp.control;

import ai.chatr.mcp.entity.Progress;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Progress of a wait, for a client that asked for it: a notification when the wait begins and one
 * every {@code chatr.mcp.progress-interval} after it (seconds waited of the most it waits), none
 * once it ended. A client that has gone (its stream closed, which 2026-07-28 makes a cancellation)
 * ends the wait, so that it holds no slot of its address any longer.
 */
@ApplicationScoped
public class WaitProgress {

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "chatr.mcp.progress-interval", defaultValue = "PT5S")
    Duration interval;

    /** Reports on {@code waiting} until it completes; completes it with {@code whenGone} if the client goes first. */
    public <T> void during(CompletableFuture<T> waiting, Duration most, Progress progress, T whenGone) {
        if (!progress.wanted() || waiting.isDone()) {
            return;
        }
        long started = System.nanoTime();
        long total = most.toSeconds();
        Runnable report = () -> {
            double waited = (System.nanoTime() - started) / 1e9;
            String message = waited < 1 ? "Waiting up to " + total + " s for messages."
                    : String.format(Locale.ROOT, "Nothing yet after %.0f of %d s; still waiting.", waited, total);
            if (!waiting.isDone() && !progress.report(waited, total, message)) {
                waiting.complete(whenGone);
            }
        };
        report.run();
        ScheduledFuture<?> next = scheduler.scheduleAtFixedRate(report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        waiting.whenComplete((done, failed) -> next.cancel(false));
    }
}
