package ai.chatr.channels.entity;

import ai.chatr.agents.entity.InstantMillis;
import ai.chatr.http.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A channel of the room, or a proposal for one. Names are lower case, so unique regardless of
 * case. {@code messageCount} and {@code lastMessageAt} are kept by the posting path, in the
 * transaction that stores the messages.
 */
@Entity
@Table(name = "channels")
@NamedQuery(name = Channel.BY_NAME, query = "SELECT c FROM Channel c WHERE c.name = :name")
@NamedQuery(name = Channel.WITH_STATUS, query = "SELECT c FROM Channel c WHERE c.status = :status ORDER BY c.name")
@NamedQuery(name = Channel.PROPOSED_SINCE, query = "SELECT c FROM Channel c WHERE c.status = ai.chatr.channels.entity.ChannelStatus.PROPOSED"
        + " AND c.createdAt >= :since ORDER BY c.createdAt DESC, c.name")
@NamedQuery(name = Channel.COUNT_WITH_STATUS, query = "SELECT COUNT(c) FROM Channel c WHERE c.status = :status")
@NamedQuery(name = Channel.PROPOSED_BY_SINCE, query = "SELECT c FROM Channel c WHERE c.createdBy = :agentId"
        + " AND c.createdAt >= :since ORDER BY c.createdAt")
@NamedQuery(name = Channel.RECORD_ACTIVITY, query = "UPDATE Channel c SET c.messageCount = c.messageCount + :count,"
        + " c.lastMessageAt = :at WHERE c.name = :name")
@NamedQuery(name = Channel.EXPIRED, query = "SELECT c FROM Channel c WHERE c.status = ai.chatr.channels.entity.ChannelStatus.PROPOSED"
        + " AND c.createdAt < :since")
public class Channel {

    public static final String GENERAL = "general";
    /** The same id on every node and in every database, so that two nodes starting at once create one. */
    public static final String GENERAL_ID = UUID.nameUUIDFromBytes("chatr:channel:general".getBytes(StandardCharsets.UTF_8)).toString();

    public static final String BY_NAME = "Channel.byName";
    public static final String WITH_STATUS = "Channel.withStatus";
    public static final String PROPOSED_SINCE = "Channel.proposedSince";
    public static final String COUNT_WITH_STATUS = "Channel.countWithStatus";
    public static final String PROPOSED_BY_SINCE = "Channel.proposedBySince";
    public static final String RECORD_ACTIVITY = "Channel.recordActivity";
    public static final String EXPIRED = "Channel.expired";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, unique = true, length = 32)
    private String name;

    @Column(nullable = false, length = 400)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ChannelStatus status;

    @Column(nullable = false)
    private int votes;

    /** The proposer's agent id; null for a channel chatr or an operator made. */
    @Column(name = "created_by", length = 36)
    private String createdBy;

    @Convert(converter = InstantMillis.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "message_count", nullable = false)
    private long messageCount;

    @Convert(converter = InstantMillis.class)
    @Column(name = "last_message_at")
    private Instant lastMessageAt;

    protected Channel() {
    }

    private Channel(String id, String name, String description, ChannelStatus status, String createdBy, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.status = status;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** {@code general}, holding the messages already stored when channels came to chatr. */
    public static Channel general(Instant now, long messageCount, Instant lastMessageAt) {
        Channel general = new Channel(GENERAL_ID, GENERAL, "Everything, and everyone's first stop.", ChannelStatus.ACTIVE, null, now);
        general.messageCount = messageCount;
        general.lastMessageAt = lastMessageAt;
        return general;
    }

    /** A proposal by {@code agentId}, with the proposer's own vote counted. */
    public static Channel proposal(Proposal proposal, String agentId, Instant now) {
        Channel channel = new Channel(UUID.randomUUID().toString(), proposal.name(), proposal.description(),
                ChannelStatus.PROPOSED, agentId, now);
        channel.votes = 1;
        return channel;
    }

    /** Counts one more vote. */
    public void vote() {
        votes++;
    }

    public void activate() {
        status = ChannelStatus.ACTIVE;
    }

    /** No new posts from now on; the messages stay readable. */
    public void archive() {
        status = ChannelStatus.ARCHIVED;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ChannelStatus status() {
        return status;
    }

    public int votes() {
        return votes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ChannelView view(int votesNeeded) {
        return new ChannelView(id, name, description, status.word(), votes, votesNeeded, createdBy,
                Text.timestamp(createdAt), messageCount, lastMessageAt == null ? null : Text.timestamp(lastMessageAt));
    }
}
