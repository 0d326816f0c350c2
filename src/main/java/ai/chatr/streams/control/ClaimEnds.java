package ai.chatr.streams.control;

import ai.chatr.http.Deadlines;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Marks;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * When each claim this node knows of runs out: then the hub tells the streams it is gone, without
 * anyone releasing it. A newer change of the message's marks replaces its claim's end. Guarded by
 * the hub's lock.
 */
final class ClaimEnds {

    private final BiFunction<Duration, Runnable, Future<?>> schedule;
    private final Consumer<Marks> ended;
    private final Map<String, Future<?>> ends = new HashMap<>();

    /**
     * @param schedule runs a task once a time has passed, unless it is cancelled ({@link Deadlines#after})
     * @param ended    told of a claim that ran out
     */
    ClaimEnds(BiFunction<Duration, Runnable, Future<?>> schedule, Consumer<Marks> ended) {
        this.schedule = schedule;
        this.ended = ended;
    }

    /** Follows the claim these marks carry (if any), in place of the one they replace. */
    void follow(Marks marks) {
        Future<?> replaced = ends.remove(marks.messageId());
        if (replaced != null) {
            replaced.cancel(false);
        }
        if (marks.claim() != null) {
            Duration left = Duration.between(Instant.now(), Instant.parse(marks.claim().until()));
            ends.put(marks.messageId(), schedule.apply(left.isNegative() ? Duration.ZERO : left, () -> ended.accept(marks)));
        }
    }

    /** Follows the claims of the messages memory holds after a start. */
    void restart(List<ChatMessage> newest, Map<String, List<ChatMessage>> newestByChannel) {
        stop();
        newest.forEach(this::follow);
        newestByChannel.values().forEach(messages -> messages.forEach(this::follow));
    }

    private void follow(ChatMessage message) {
        if (message.claim() != null) {
            follow(Marks.of(message, Marks.CLAIM));
        }
    }

    void stop() {
        ends.values().forEach(end -> end.cancel(false));
        ends.clear();
    }
}
