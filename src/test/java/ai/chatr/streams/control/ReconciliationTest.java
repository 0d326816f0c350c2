package ai.chatr.streams.control;

import static ai.chatr.streams.control.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.chatr.channels.control.Directory;
import ai.chatr.messages.control.Transcript;
import ai.chatr.messages.entity.ChatMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the database holds that the hub never heard: messages stored while their notice went astray
 * (delivered in order, tombstones stepped over), and deletions made on another node.
 */
class ReconciliationTest {

    private final Stored stored = new Stored();
    private final Reconciliation reconciliation = new Reconciliation();
    private Hub hub;
    private Sink listening;

    /** Claims' ends, run when a test says so. */
    private final ClaimEndsByHand claimEnds = new ClaimEndsByHand();

    @BeforeEach
    void hub() {
        reconciliation.transcript = stored;
        reconciliation.directory = new Directory() {
            @Override
            public List<String> readableNames() {
                return List.of("general", "quiet");
            }
        };
        hub = new Hub();
        hub.database = reconciliation;
        hub.recent = new Recent(1000, 100);
        hub.fanout = new Fanout(Runnable::run, 2000, Deliveries.NONE);
        hub.claims = new ClaimEnds(claimEnds::schedule, hub::claimEnded);
    }

    @Test
    void theHubStartsFromWhatIsStored() {
        stored.add(message(1), message(2, "quiet"));
        stored.tombstones.add(3L);
        hub.load(null);
        listening = subscribe(0L);
        hub.accept(message(4));
        assertThat(hub.newest(10)).as("a tombstone after the newest stored message waits for the catch-up")
                .extracting(ChatMessage::id).containsExactly("1", "2");
        hub.catchUp();
        assertThat(hub.newest(10)).extracting(ChatMessage::id).containsExactly("1", "2", "4");
        assertThat(listening.lines()).as("resumed from memory, then live").containsExactly("api Posted 1", "api Posted 2", "api Posted 4");
        assertThat(hub.newest(10, Filter.channels(Set.of("quiet")))).extracting(ChatMessage::id).containsExactly("2");
    }

    @Test
    void aCatchUpDeliversWhatWasStoredButNeverHeardInOrderSteppingOverTombstones() {
        stored.add(message(1));
        hub.load(null);
        listening = subscribe(null);
        stored.add(message(2), message(4));
        stored.tombstones.add(3L);
        hub.accept(message(5));
        assertThat(listening.lines()).as("5 waits for the gap").containsExactly("api History");

        hub.catchUp();
        assertThat(listening.lines()).containsExactly("api History", "api Posted 2", "api Posted 4", "api Posted 5");
        hub.catchUp();
        assertThat(listening.lines()).as("nothing twice").hasSize(4);
    }

    @Test
    void aCatchUpFindsNothingMissingWithTwoQueries() {
        stored.add(message(1));
        hub.load(null);
        stored.queries = 0;
        hub.catchUp();
        assertThat(stored.queries).isEqualTo(2);
    }

    @Test
    void aDeletionMadeElsewhereIsForgottenAndLookedForWithSlackForTheOtherNodesClock() {
        stored.add(message(1), message(2));
        hub.load(null);
        listening = subscribe(null);
        Instant loaded = Instant.now();
        stored.deletedAt.put(2L, loaded.minusSeconds(10));
        hub.catchUp();
        assertThat(stored.lastSince).isCloseTo(loaded.minus(Reconciliation.DELETION_SLACK), within(1, ChronoUnit.SECONDS));
        assertThat(hub.newest(10)).extracting(ChatMessage::id).containsExactly("1");
        assertThat(listening.lines()).endsWith("api Deleted");
        hub.catchUp();
        assertThat(listening.lines().stream().filter("api Deleted"::equals)).as("told once").hasSize(1);
        assertThat(stored.lastSince).as("the next look starts from the last").isAfterOrEqualTo(loaded.minus(Reconciliation.DELETION_SLACK));
    }

    private Sink subscribe(Long resumeAfter) {
        Sink sink = new Sink();
        hub.subscribe(new Counting("api", false), Filter.ALL, sink, resumeAfter, () -> { });
        return sink;
    }

    /** The messages table, in memory: stored messages by id, tombstones, deletion times; counts queries. */
    private static final class Stored extends Transcript {

        final TreeMap<Long, ChatMessage> messages = new TreeMap<>();
        final TreeSet<Long> tombstones = new TreeSet<>();
        final TreeMap<Long, Instant> deletedAt = new TreeMap<>();
        Instant lastSince;
        int queries;

        void add(ChatMessage... added) {
            for (ChatMessage message : added) {
                messages.put(Long.parseLong(message.id()), message);
            }
        }

        @Override
        public long lastId() {
            queries++;
            long last = messages.isEmpty() ? 0 : messages.lastKey();
            return tombstones.isEmpty() ? last : Math.max(last, tombstones.last());
        }

        @Override
        public List<Long> deletedSince(Instant since) {
            queries++;
            lastSince = since;
            List<Long> ids = new ArrayList<>();
            deletedAt.forEach((id, at) -> {
                if (!at.isBefore(since)) {
                    ids.add(id);
                    messages.remove(id);
                    tombstones.add(id);
                }
            });
            return ids;
        }

        @Override
        public List<Long> tombstonesAfter(long after, int limit) {
            queries++;
            return tombstones.tailSet(after, false).stream().limit(limit).toList();
        }

        @Override
        public List<ChatMessage> page(int limit, Long before, Long after, Collection<String> channels) {
            queries++;
            List<ChatMessage> page = messages.values().stream()
                    .filter(m -> channels == null || channels.contains(m.channel()))
                    .filter(m -> after == null || Long.parseLong(m.id()) > after)
                    .toList();
            return after != null ? page.subList(0, Math.min(limit, page.size()))
                    : page.subList(Math.max(0, page.size() - limit), page.size());
        }
    }
}
