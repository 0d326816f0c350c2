package ai.chatr.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.BitSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Posts messages: open loop at a fixed rate, or closed loop as fast as a few posters can. */
final class Publisher {

    /**
     * What was posted.
     *
     * @param accepted the sequence numbers the server acknowledged (2xx)
     * @param skipped  posts not sent because too many were still unanswered (the server fell behind)
     */
    record Published(BitSet accepted, int attempted, int skipped, int errors, double seconds, Histogram latency) {
        int acceptedCount() {
            return accepted.cardinality();
        }
    }

    private final HttpClient http;
    private final Target target;
    private final int contentLength;
    private final String filler;

    /** Posts messages of {@code contentLength} characters, padded with prose. */
    Publisher(HttpClient http, Target target, int contentLength) {
        this(http, target, contentLength, Target.PROSE);
    }

    Publisher(HttpClient http, Target target, int contentLength, String filler) {
        this.http = http;
        this.target = target;
        this.contentLength = contentLength;
        this.filler = filler;
    }

    /** {@code rate} posts a second for {@code seconds}, each on time whatever the answers do. */
    Published atRate(String tag, double rate, double seconds, int maxInFlight) {
        BitSet accepted = new BitSet();
        Histogram latency = new Histogram();
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(maxInFlight);
        int total = (int) Math.round(rate * seconds);
        int skipped = 0;
        long start = System.nanoTime();
        for (int seq = 0; seq < total; seq++) {
            long due = start + (long) (seq * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                skipped++;
                continue;
            }
            long sent = System.nanoTime();
            int s = seq;
            http.sendAsync(target.publish(Target.content(tag, seq, Bench.micros(sent), contentLength, filler), seq),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, failure) -> {
                        if (failure == null && answer.statusCode() / 100 == 2) {
                            latency.record((System.nanoTime() - sent) / 1000);
                            synchronized (accepted) {
                                accepted.set(s);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        double seconds1 = (System.nanoTime() - start) / 1e9;
        try {
            inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (accepted) {
            return new Published((BitSet) accepted.clone(), total, skipped, errors.get(), seconds1, latency);
        }
    }

    /** {@code posters} threads, each posting as soon as its previous post was answered. */
    Published closedLoop(String tag, int posters, double seconds) throws InterruptedException {
        BitSet accepted = new BitSet();
        Histogram latency = new Histogram();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        double elapsed = ClosedLoop.run("poster", posters, seconds, deadline -> {
            while (System.nanoTime() < deadline) {
                int seq = sequence.getAndIncrement();
                long sent = System.nanoTime();
                try {
                    int status = http.send(target.publish(Target.content(tag, seq, Bench.micros(sent), contentLength, filler), seq),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) {
                        latency.record((System.nanoTime() - sent) / 1000);
                        synchronized (accepted) {
                            accepted.set(seq);
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (java.io.IOException failed) {
                    errors.incrementAndGet();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        synchronized (accepted) {
            return new Published((BitSet) accepted.clone(), sequence.get(), 0, errors.get(), elapsed, latency);
        }
    }
}
