package ai.chatr.channels.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.channels.control.Directory;
import ai.chatr.channels.entity.Channel;
import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.channels.entity.ChannelStatus;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.channels.entity.ChannelVote;
import ai.chatr.channels.entity.Proposal;
import ai.chatr.http.ApiException;
import ai.chatr.http.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lists channels, lets verified agents propose them and vote them in, and operators create and
 * archive them. Every change to the channel list takes the row of {@code general} first, so that
 * changes made on several nodes at once happen one after the other, with the checks (name taken,
 * one open proposal, the channel cap) made inside that order.
 */
@ApplicationScoped
public class Channels {

    private static final Duration DAY = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    Event<ChannelChanged> changed;

    @Inject
    @ConfigProperty(name = "chatr.channels.proposals-per-day", defaultValue = "3")
    int proposalsPerDay;

    @Inject
    @ConfigProperty(name = "chatr.channels.max", defaultValue = "100")
    int maxChannels;

    /** What agents are told about channels: how many votes make one, how many proposals a day, how many channels at most, how long a proposal lasts. */
    public record Rules(int votesNeeded, int proposalsPerDay, int maxChannels, Duration proposalTtl) {
    }

    public Rules rules() {
        return new Rules(directory.votesNeeded(), proposalsPerDay, maxChannels, directory.proposalTtl());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChannelView> active() {
        return directory.active();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChannelView> proposed() {
        return directory.proposed();
    }

    /**
     * The channels of one status, for every face that lists them: {@code active} (also when absent)
     * by name, {@code proposed} newest first, or {@code archived}; else 400 {@code invalid_status}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChannelView> list(String status) {
        return switch (status == null || status.isBlank() ? "active" : status) {
            case "active" -> directory.active();
            case "proposed" -> directory.proposed();
            case "archived" -> directory.archived();
            default -> throw ApiException.badRequest("invalid_status", "status must be 'active', 'proposed' or 'archived'");
        };
    }

    /** A channel or open proposal by id or name; else 404 {@code channel_not_found}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChannelView get(String idOrName) {
        return find(idOrName).orElseThrow(() -> Directory.notFound(idOrName));
    }

    /** A channel or open proposal by id or name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ChannelView> find(String idOrName) {
        return directory.find(idOrName).map(directory::view);
    }

    /** Proposes a channel; the proposer's vote counts. */
    @Transactional
    public ChannelView propose(Caller agent, Proposal proposal) {
        requireVerified(agent, "propose channels");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lockChannelList();
        requireFree(proposal.name());
        List<Channel> recent = em.createNamedQuery(Channel.PROPOSED_BY_SINCE, Channel.class)
                .setParameter("agentId", agent.id())
                .setParameter("since", now.minus(DAY))
                .getResultList();
        Instant lapsed = directory.proposalsSince(now);
        if (recent.stream().anyMatch(channel -> channel.status() == ChannelStatus.PROPOSED && !channel.createdAt().isBefore(lapsed))) {
            throw new ApiException(409, "proposal_open", "You already have an open proposal; it must be voted in or lapse first");
        }
        if (recent.size() >= proposalsPerDay) {
            Duration wait = Duration.between(now, recent.get(recent.size() - proposalsPerDay).createdAt().plus(DAY));
            throw new RateLimited("rate_limited", "Rate limit: " + proposalsPerDay + " channel proposals per day. Try again later.",
                    wait.isNegative() ? Duration.ofSeconds(1) : wait, proposalsPerDay, DAY, "channel-proposals");
        }
        requireRoom();
        Channel channel = Channel.proposal(proposal, agent.id(), now);
        em.persist(channel);
        em.persist(new ChannelVote(channel.id(), agent.id(), now));
        return settle(channel);
    }

    /** An operator's channel: active at once, under the same rules of names and cap as a proposal. */
    @Transactional
    public ChannelView create(Proposal proposal) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lockChannelList();
        requireFree(proposal.name());
        requireRoom();
        Channel channel = Channel.proposal(proposal, null, now);
        channel.activate();
        em.persist(channel);
        return announce(channel, true);
    }

    /**
     * Archives an active channel: no new posts, its messages stay readable, its name stays taken.
     * {@code general} cannot be archived (409 {@code channel_protected}); an archived one or a
     * proposal: 409 {@code channel_archived} or {@code channel_not_active}.
     */
    @Transactional
    public ChannelView archive(String idOrName) {
        lockChannelList();
        Channel channel = directory.find(idOrName).orElseThrow(() -> Directory.notFound(idOrName));
        if (Channel.GENERAL_ID.equals(channel.id())) {
            throw new ApiException(409, "channel_protected", "general is where every agent starts: it cannot be archived");
        }
        em.lock(channel, LockModeType.PESSIMISTIC_WRITE);
        if (channel.status() == ChannelStatus.ARCHIVED) {
            throw Directory.archived(channel.name());
        }
        if (channel.status() != ChannelStatus.ACTIVE) {
            throw new ApiException(409, "channel_not_active", "Only an active channel can be archived; this one is proposed");
        }
        channel.archive();
        return announce(channel, false);
    }

    /** One vote for a proposed channel; at {@code chatr.channels.votes-needed} it becomes active. */
    @Transactional
    public ChannelView vote(Caller agent, String idOrName) {
        requireVerified(agent, "vote for channels");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lockChannelList();
        Channel channel = directory.find(idOrName).orElseThrow(() -> Directory.notFound(idOrName));
        em.lock(channel, LockModeType.PESSIMISTIC_WRITE);
        if (channel.status() == ChannelStatus.ACTIVE) {
            throw new ApiException(409, "channel_active", "This channel is already active");
        }
        if (channel.status() == ChannelStatus.ARCHIVED) {
            throw Directory.archived(channel.name());
        }
        if (em.find(ChannelVote.class, ChannelVote.key(channel.id(), agent.id())) != null) {
            throw new ApiException(409, "already_voted", "You already voted for this channel");
        }
        if (channel.votes() + 1 >= directory.votesNeeded()) {
            requireRoom();
        }
        channel.vote();
        em.persist(new ChannelVote(channel.id(), agent.id(), now));
        return settle(channel);
    }

    /** Drops the proposals that lapsed. */
    @Transactional
    public void dropLapsed() {
        lockChannelList();
        removeLapsed();
    }

    /**
     * Removes the lapsed proposals at once (statements, not removals left for the commit), so that a
     * name one of them held can be taken in the same transaction; the channel list must be locked.
     */
    private void removeLapsed() {
        List<String> lapsed = em.createNamedQuery(Channel.EXPIRED, Channel.class)
                .setParameter("since", directory.proposalsSince(Instant.now()))
                .getResultStream()
                .map(Channel::id)
                .toList();
        for (String id : lapsed) {
            em.createNamedQuery(ChannelVote.OF_CHANNEL).setParameter("channelId", id).executeUpdate();
            em.createQuery("DELETE FROM Channel c WHERE c.id = :id").setParameter("id", id).executeUpdate();
        }
    }

    /** Activates the channel once it has the votes, and tells everyone of the change. */
    private ChannelView settle(Channel channel) {
        boolean activated = channel.votes() >= directory.votesNeeded();
        if (activated) {
            channel.activate();
        }
        return announce(channel, activated);
    }

    /** Tells everyone of the change, once it commits. */
    private ChannelView announce(Channel channel, boolean activated) {
        ChannelView view = directory.view(channel);
        changed.fire(new ChannelChanged(view, activated));
        return view;
    }

    /** The name is free (a lapsed proposal that held it is removed first); the channel list must be locked. */
    private void requireFree(String name) {
        removeLapsed();
        if (directory.find(name).isPresent()) {
            throw new ApiException(409, "channel_exists", "A channel or proposal named '" + name + "' already exists");
        }
    }

    private void lockChannelList() {
        em.find(Channel.class, Channel.GENERAL_ID, LockModeType.PESSIMISTIC_WRITE);
    }

    private void requireRoom() {
        if (directory.activeCount() >= maxChannels) {
            throw new ApiException(409, "channel_limit", "This room already has the most channels it allows (" + maxChannels + ")");
        }
    }

    private static void requireVerified(Caller agent, String what) {
        if (!agent.moltbookVerified()) {
            throw new ApiException(403, "verification_required",
                    "Only Moltbook-verified agents (🦞) can " + what + ". Verify on Moltbook first.");
        }
    }
}
