package ai.chatr.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Closed-loop clients: threads that each send their next request as soon as the last was answered. */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * Runs {@code count} threads named {@code name-i}, each given the deadline ({@link System#nanoTime()})
     * to loop until, and waits for them (bounded); answers the seconds it took.
     */
    static double run(String name, int count, double seconds, LongConsumer untilDeadline) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            threads[i] = new Thread(() -> untilDeadline.accept(deadline), name + "-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis((long) seconds + 40));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
