package ai.chatr.bench;

/** Latencies in microseconds, in 10 µs buckets up to 30 s (longer ones land in the last bucket). */
final class Histogram {

    private static final int STEP_US = 10;
    private final int[] buckets = new int[3_000_000];
    private long count;
    private long maxMicros;

    synchronized void record(long micros) {
        long us = Math.max(0, micros);
        count++;
        maxMicros = Math.max(maxMicros, us);
        buckets[(int) Math.min(buckets.length - 1, us / STEP_US)]++;
    }

    synchronized long count() {
        return count;
    }

    /** The p-th percentile (0..100) in milliseconds, or 0 when nothing was recorded. */
    synchronized double percentileMs(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(count * p / 100.0));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min((i + 1) * STEP_US, maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    synchronized double maxMs() {
        return maxMicros / 1000.0;
    }
}
