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
 * Finds channels by id or name. Active channels are remembered once seen (a channel never stops
 * being active), so that posting to one costs no query; one activated on another node is found
 * in the database on first use.
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

    /** Active channels' names, by id and by name. */
    private final Map<String, String> active = new ConcurrentHashMap<>();

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

    /** The name of the active channel {@code idOrName} names; else 404 {@code channel_not_found}. */
    public String activeName(String idOrName) {
        String known = active.get(key(idOrName));
        if (known != null) {
            return known;
        }
        return find(idOrName).filter(channel -> channel.status() == ChannelStatus.ACTIVE)
                .map(this::remember)
                .orElseThrow(() -> notFound(idOrName));
    }

    /** The names of the active channels in a comma-separated list, in the list's order; 404 for any other. */
    public Set<String> activeNames(String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            names.add(activeName(part.strip()));
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
        return em.createNamedQuery(Channel.WITH_STATUS, Channel.class)
                .setParameter("status", ChannelStatus.ACTIVE)
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

    /** The names of the active channels. */
    public List<String> activeNames() {
        return active().stream().map(ChannelView::name).toList();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged change) {
        if (change.channel().active()) {
            active.put(change.channel().id(), change.channel().name());
            active.put(change.channel().name(), change.channel().name());
        }
    }

    private boolean current(Channel channel) {
        return channel.status() != ChannelStatus.PROPOSED || !channel.createdAt().isBefore(proposalsSince(Instant.now()));
    }

    private String remember(Channel channel) {
        active.put(channel.id(), channel.name());
        active.put(channel.name(), channel.name());
        return channel.name();
    }

    private static String key(String idOrName) {
        return idOrName == null ? "" : idOrName.strip().toLowerCase(Locale.ROOT);
    }

    public static ApiException notFound(String idOrName) {
        return new ApiException(404, "channel_not_found", "Channel not found");
    }
}
