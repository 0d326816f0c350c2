package ai.chatr.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.messages.entity.ChatMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's promises without a container: order, no duplicates, exact resume, slow listeners dropped. */
class HubTest {

    private final Hub hub = new Hub();
    private final Sse sse = new PlainSse();

    @BeforeEach
    void configure() {
        hub.json = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
        hub.writer = Runnable::run;
        hub.historySize = 3;
        hub.replayWindow = 5;
        hub.outboxSize = 10;
    }

    @Test
    void messagesThatArriveEarlyWaitForTheGapToFill() {
        RecordingSink sink = subscribe(null);
        hub.accept(message(2));
        hub.accept(message(3));
        assertThat(sink.messageIds()).isEmpty();

        hub.accept(message(1));
        assertThat(sink.messageIds()).containsExactly("1", "2", "3");
    }

    @Test
    void aMessageIsDeliveredOnce() {
        RecordingSink sink = subscribe(null);
        hub.accept(message(1));
        hub.accept(message(1));
        hub.accept(message(2));
        hub.accept(message(1));
        assertThat(sink.messageIds()).containsExactly("1", "2");
    }

    @Test
    void aNewListenerGetsTheNewestHistoryThenLiveMessages() {
        for (int id = 1; id <= 4; id++) {
            hub.accept(message(id));
        }
        RecordingSink sink = subscribe(null);
        hub.accept(message(5));

        assertThat(sink.events.get(0).getData().toString()).startsWith("{\"type\":\"history\"")
                .contains("\"id\":\"2\"", "\"id\":\"3\"", "\"id\":\"4\"").doesNotContain("\"id\":\"1\"");
        assertThat(sink.events.get(0).getId()).isEqualTo("4");
        assertThat(sink.messageIds()).containsExactly("5");
    }

    @Test
    void aReturningListenerGetsExactlyWhatItMissed() {
        for (int id = 1; id <= 6; id++) {
            hub.accept(message(id));
        }
        RecordingSink sink = subscribe(3L);
        hub.accept(message(7));
        assertThat(sink.messageIds()).containsExactly("4", "5", "6", "7");
        assertThat(sink.historyFrames()).isZero();
    }

    @Test
    void aListenerAwayLongerThanTheReplayWindowStartsAfresh() {
        for (int id = 1; id <= 9; id++) {
            hub.accept(message(id));
        }
        RecordingSink sink = subscribe(2L);
        assertThat(sink.historyFrames()).isEqualTo(1);
        assertThat(sink.messageIds()).isEmpty();
    }

    @Test
    void aListenerThatFallsTooFarBehindIsDisconnectedAndFreesItsSlot() {
        AtomicBoolean released = new AtomicBoolean();
        List<Runnable> pending = new ArrayList<>();
        hub.writer = pending::add;
        RecordingSink slow = new RecordingSink();
        hub.subscribe(slow, sse, null, () -> released.set(true));
        for (int id = 1; id <= 20; id++) {
            hub.accept(message(id));
        }
        assertThat(released).isTrue();
        assertThat(slow.closed).isTrue();
        assertThat(hub.listeners()).isZero();
    }

    private RecordingSink subscribe(Long resumeAfter) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(sink, sse, resumeAfter, () -> { });
        return sink;
    }

    private static ChatMessage message(long id) {
        return new ChatMessage(Long.toString(id), "agent", "Bot", "🤖", "message " + id,
                "2026-01-01T00:00:00.000Z", false, null, null);
    }

    private static final class RecordingSink implements SseEventSink {

        final List<OutboundSseEvent> events = new ArrayList<>();
        boolean closed;

        List<String> messageIds() {
            return events.stream().filter(e -> e.getData() != null && e.getData().toString().startsWith("{\"type\":\"message\""))
                    .map(OutboundSseEvent::getId).toList();
        }

        long historyFrames() {
            return events.stream().filter(e -> e.getData() != null && e.getData().toString().startsWith("{\"type\":\"history\"")).count();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Just enough of JAX-RS's {@link Sse} to build events. */
    private static final class PlainSse implements Sse {

        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new PlainBuilder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    }

    private static final class PlainBuilder implements OutboundSseEvent.Builder {

        private String id;
        private String comment;
        private Object data;
        private long retry = -1;

        @Override
        public OutboundSseEvent.Builder id(String id) {
            this.id = id;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder name(String name) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
            this.retry = milliseconds;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Class type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(GenericType type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent build() {
            String builtId = id;
            String builtComment = comment;
            Object builtData = data;
            long builtRetry = retry;
            return new OutboundSseEvent() {
                @Override
                public Class<?> getType() {
                    return String.class;
                }

                @Override
                public Type getGenericType() {
                    return String.class;
                }

                @Override
                public MediaType getMediaType() {
                    return MediaType.TEXT_PLAIN_TYPE;
                }

                @Override
                public Object getData() {
                    return builtData;
                }

                @Override
                public String getId() {
                    return builtId;
                }

                @Override
                public String getName() {
                    return null;
                }

                @Override
                public String getComment() {
                    return builtComment;
                }

                @Override
                public long getReconnectDelay() {
                    return builtRetry;
                }

                @Override
                public boolean isReconnectDelaySet() {
                    return builtRetry >= 0;
                }
            };
        }
    }
}
