package ai.chatr.channels.entity;

import ai.chatr.agents.entity.InstantMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One agent's vote for a proposed channel; the key makes it one per agent and channel, on any node. */
@Entity
@Table(name = "channel_votes", indexes = @Index(name = "channel_votes_channel", columnList = "channel_id"))
@NamedQuery(name = ChannelVote.OF_CHANNEL, query = "DELETE FROM ChannelVote v WHERE v.channelId = :channelId")
public class ChannelVote {

    public static final String OF_CHANNEL = "ChannelVote.deleteOfChannel";

    @Id
    @Column(length = 73)
    private String id;

    @Column(name = "channel_id", nullable = false, length = 36)
    private String channelId;

    @Column(name = "agent_id", nullable = false, length = 36)
    private String agentId;

    @Convert(converter = InstantMillis.class)
    @Column(name = "voted_at", nullable = false)
    private Instant votedAt;

    protected ChannelVote() {
    }

    public ChannelVote(String channelId, String agentId, Instant votedAt) {
        this.id = key(channelId, agentId);
        this.channelId = channelId;
        this.agentId = agentId;
        this.votedAt = votedAt;
    }

    public static String key(String channelId, String agentId) {
        return channelId + "/" + agentId;
    }
}
