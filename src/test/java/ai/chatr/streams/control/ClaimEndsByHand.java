package ai.chatr.streams.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A scheduler for {@link ClaimEnds} whose tasks run when a test calls {@link #runAll()}, not when their time comes. */
final class ClaimEndsByHand {

    private final List<CompletableFuture<Void>> scheduled = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();

    Future<?> schedule(Duration after, Runnable task) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        scheduled.add(future);
        tasks.add(task);
        return future;
    }

    /** Runs every task not cancelled; answers how many ran. */
    int runAll() {
        int ran = 0;
        for (int i = 0; i < tasks.size(); i++) {
            if (!scheduled.get(i).isCancelled()) {
                scheduled.get(i).complete(null);
                tasks.get(i).run();
                ran++;
            }
        }
        tasks.clear();
        scheduled.clear();
        return ran;
    }
}
