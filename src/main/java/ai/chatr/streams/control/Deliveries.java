package ai.chatr.streams.control;

/** What the streams report of their deliveries, for the metrics. */
interface Deliveries {

    Deliveries NONE = new Deliveries() {
        @Override
        public void written(int frames, long oldestMessageBorn) {
            // nobody counts
        }

        @Override
        public void dropped() {
            // nobody counts
        }
    };

    /**
     * {@code frames} were written to a stream in one write; {@code oldestMessageBorn} is when the
     * oldest live message among them was delivered to the hub ({@link System#nanoTime()}), 0 when none.
     */
    void written(int frames, long oldestMessageBorn);

    /** A stream was cut off for falling behind. */
    void dropped();
}
