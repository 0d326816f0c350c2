package ai.chatr.channels.control;

import ai.chatr.channels.entity.Channel;
import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.channels.entity.ChannelStatus;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds channels by id or name. Active channels are remembered once seen, for
 * {@code chatr.channels.cache} (5 s), so that posting to one costs no query; one activated on another
 * node is found in the database on first use. An archived channel is forgotten at once on the node
 * that archived it and on those the relay tells, and on the others once the entry is older than the
 * setting. Archived channels take no posts, but their messages stay readable.
 */
@ApplicationScoped
public class Directory {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** {@code general} first, then by name: the order every writer of channel rows takes their locks in. */
    public static final Comparator<String> LOCK_ORDER = Comparator.comparing((String name) -> !Channel.GENERAL.equals(name))
            .thenComparing(Comparator.naturalOrder());

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.channels.votes-needed", defaultValue = "3")
    int votesNeeded;

    @Inject
    @ConfigProperty(name = "chatr.channels.proposal-ttl", defaultValue = "P7D")
    Duration proposalTtl;

    @Inject
    @ConfigProperty(name = "chatr.channels.cache", defaultValue = "PT5S")
    Duration cacheLifetime;

    /** Active channels' names, by id and by name, with when to look them up again. */
    private final Map<String, Remembered> active = new ConcurrentHashMap<>();

    private record Remembered(String name, long until) {
    }

    public int votesNeeded() {
        return votesNeeded;
    }

    public Duration proposalTtl() {
        return proposalTtl;
    }

    /** Proposals made before this have lapsed. */
    public Instant proposalsSince(Instant now) {
        return now.minus(proposalTtl);
    }

    /**
     * The name of the active channel {@code idOrName} names, to post to; 409 {@code channel_archived}
     * for an archived one, else 404 {@code channel_not_found}.
     */
    public String activeName(String idOrName) {
        Remembered known = active.get(key(idOrName));
        if (known != null && System.nanoTime() - known.until() < 0) {
            return known.name();
        }
        Channel channel = find(idOrName).filter(found -> found.status() != ChannelStatus.PROPOSED).orElseThrow(() -> notFound(idOrName));
        if (channel.status() == ChannelStatus.ARCHIVED) {
            forget(channel.id(), channel.name());
            throw archived(channel.name());
        }
        return remember(channel);
    }

    /**
     * The names of the channels in a comma-separated list whose messages can be read (active or
     * archived), in the list's order; 404 for any other.
     */
    public Set<String> readableNames(String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            String idOrName = part.strip();
            Remembered known = active.get(key(idOrName));
            names.add(known != null ? known.name() : find(idOrName).filter(channel -> channel.status() != ChannelStatus.PROPOSED)
                    .map(Channel::name)
                    .orElseThrow(() -> notFound(idOrName)));
        }
        return names;
    }

    /** A channel or a proposal that has not lapsed, by id or name. */
    public Optional<Channel> find(String idOrName) {
        String key = idOrName == null ? "" : idOrName.strip();
        if (UUID.matcher(key).matches()) {
            return Optional.ofNullable(em.find(Channel.class, key.toLowerCase(Locale.ROOT))).filter(this::current);
        }
        return em.createNamedQuery(Channel.BY_NAME, Channel.class)
                .setParameter("name", key.toLowerCase(Locale.ROOT))
                .getResultStream()
                .filter(this::current)
                .findFirst();
    }

    public ChannelView view(Channel channel) {
        return channel.view(votesNeeded);
    }

    /** The active channels, by name. */
    public List<ChannelView> active() {
        return withStatus(ChannelStatus.ACTIVE);
    }

    /** The archived channels, by name. */
    public List<ChannelView> archived() {
        return withStatus(ChannelStatus.ARCHIVED);
    }

    private List<ChannelView> withStatus(ChannelStatus status) {
        return em.createNamedQuery(Channel.WITH_STATUS, Channel.class)
                .setParameter("status", status)
                .getResultStream()
                .map(this::view)
                .toList();
    }

    /** The open proposals, newest first. */
    public List<ChannelView> proposed() {
        return em.createNamedQuery(Channel.PROPOSED_SINCE, Channel.class)
                .setParameter("since", proposalsSince(Instant.now()))
                .getResultStream()
                .map(this::view)
                .toList();
    }

    public long activeCount() {
        return em.createNamedQuery(Channel.COUNT_WITH_STATUS, Long.class)
                .setParameter("status", ChannelStatus.ACTIVE)
                .getSingleResult();
    }

    /**
     * Counts newly stored messages into their channels' totals, in the transaction that stores
     * them; rows are updated in {@link #LOCK_ORDER}.
     */
    public void recordActivity(Map<String, Long> messagesByChannel, Instant at) {
        SortedMap<String, Long> ordered = new TreeMap<>(LOCK_ORDER);
        ordered.putAll(messagesByChannel);
        ordered.forEach((name, count) -> em.createNamedQuery(Channel.RECORD_ACTIVITY)
                .setParameter("count", count)
                .setParameter("at", at)
                .setParameter("name", name)
                .executeUpdate());
    }

    /**
     * Makes sure {@code general} exists, and counts into it {@code messageCount} messages just
     * filed there (those of a chatr before channels), the newest posted at {@code lastMessageAt}.
     */
    public void fileIntoGeneral(long messageCount, Instant lastMessageAt) {
        if (em.find(Channel.class, Channel.GENERAL_ID) == null) {
            em.persist(Channel.general(Instant.now().truncatedTo(ChronoUnit.MILLIS), messageCount, lastMessageAt));
        } else if (messageCount > 0) {
            recordActivity(Map.of(Channel.GENERAL, messageCount), lastMessageAt);
        }
    }

    /** The names of the channels whose messages can be read: the active and the archived ones. */
    public List<String> readableNames() {
        return java.util.stream.Stream.concat(active().stream(), archived().stream()).map(ChannelView::name).toList();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged change) {
        changed(change);
    }

    /** A channel changed, on this node or (told by the relay) on another: an archived one is forgotten. */
    public void changed(ChannelChanged change) {
        if (ChannelStatus.ARCHIVED.word().equals(change.channel().status())) {
            forget(change.channel().id(), change.channel().name());
        }
    }

    private boolean current(Channel channel) {
        return channel.status() != ChannelStatus.PROPOSED || !channel.createdAt().isBefore(proposalsSince(Instant.now()));
    }

    private String remember(Channel channel) {
        if (cacheLifetime.isZero() || cacheLifetime.isNegative()) {
            return channel.name();
        }
        Remembered remembered = new Remembered(channel.name(), System.nanoTime() + cacheLifetime.toNanos());
        active.put(channel.id(), remembered);
        active.put(channel.name(), remembered);
        return channel.name();
    }

    private void forget(String id, String name) {
        active.remove(id);
        active.remove(name);
    }

    private static String key(String idOrName) {
        return idOrName == null ? "" : idOrName.strip().toLowerCase(Locale.ROOT);
    }

    public static ApiException archived(String name) {
        return new ApiException(409, "channel_archived", "The channel '" + name + "' is archived: its messages can be read, no new ones posted");
    }

    public static ApiException notFound(String idOrName) {
        return new ApiException(404, "channel_not_found", "Channel not found");
    }
}
