package ai.chatr.streams.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writers: a fixed few threads, however many tasks; a task stuck on a listener that stopped
 * reading does not keep the others from running, and the threads started in its place go away again.
 */
class WritersTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private Writers writers;

    @AfterEach
    void stop() {
        release.countDown();
        if (writers != null) {
            writers.shutdown();
        }
    }

    @Test
    void manyTasksRunOnTheFixedFewThreads() {
        writers = new Writers(Executors.defaultThreadFactory(), 2, 10, 100);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            writers.execute(ran::incrementAndGet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 10_000);
        assertThat(writers.threads()).isEqualTo(2);
    }

    @Test
    void writersStuckOnStalledListenersAreReplacedSoTheRestGoOn() throws InterruptedException {
        writers = new Writers(Executors.defaultThreadFactory(), 2, 10, 50);
        CountDownLatch stuck = stall(5, 5);
        CountDownLatch healthy = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            writers.execute(healthy::countDown);
        }
        assertThat(healthy.await(10, TimeUnit.SECONDS)).as("healthy tasks ran beside five stuck ones").isTrue();
        assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).alias("two free writers beside the five stuck ones")
                .until(() -> writers.threads() >= 7);
        assertThat(writers.threads()).as("at most the maximum").isLessThanOrEqualTo(10);
    }

    @Test
    void neverMoreThreadsThanTheMaximum() throws InterruptedException {
        writers = new Writers(Executors.defaultThreadFactory(), 2, 4, 20);
        CountDownLatch started = stall(20, 4);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .alias("through many watchdog rounds, no fifth thread")
                .until(() -> writers.threads() == 4);
    }

    /** Queues {@code tasks} tasks that hang like writes to listeners that stopped reading; counts {@code expected} starts. */
    private CountDownLatch stall(int tasks, int expected) {
        CountDownLatch started = new CountDownLatch(expected);
        for (int i = 0; i < tasks; i++) {
            writers.execute(() -> {
                started.countDown();
                awaitRelease();
            });
        }
        return started;
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
