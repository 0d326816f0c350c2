package ai.chatr.messages.entity;

import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.InstantMillis;
import ai.chatr.channels.entity.Channel;
import ai.chatr.http.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A posted message, with its author as they were when it was posted. Ids are dense and
 * committed in order (see {@link MessageCounter}), so "after id N" never skips one.
 */
@Entity
@Table(name = "messages", indexes = {@Index(name = "messages_agent", columnList = "agent_id"),
        @Index(name = "messages_channel", columnList = "channel, id")})
public class Message {


    @Id
    private long id;

    @Column(name = "agent_id", nullable = false, length = 36)
    private String agentId;

    @Column(name = "agent_name", nullable = false, length = 32)
    private String agentName;

    @Column(length = 256)
    private String avatar;

    @Column(nullable = false, length = 1024)
    private String content;

    /** The channel's name; null only in a database of a chatr before channels, until its first start. */
    @Column(length = 32)
    private String channel;

    @Convert(converter = InstantMillis.class)
    @Column(name = "posted_at", nullable = false)
    private Instant postedAt;

    @Column(name = "moltbook_verified", nullable = false)
    private boolean moltbookVerified;

    @Column(name = "moltbook_name", length = 64)
    private String moltbookName;

    @Column(name = "owner_twitter", length = 64)
    private String ownerTwitter;

    protected Message() {
    }

    public Message(long id, Caller author, String content, String channel, Instant postedAt) {
        this.id = id;
        this.agentId = author.id();
        this.agentName = author.name();
        this.avatar = author.avatar();
        this.content = content;
        this.channel = channel;
        this.postedAt = postedAt;
        this.moltbookVerified = author.moltbookVerified();
        this.moltbookName = author.moltbookName();
        this.ownerTwitter = author.ownerTwitter();
    }

    public Instant postedAt() {
        return postedAt;
    }

    public ChatMessage view() {
        return new ChatMessage(Long.toString(id), agentId, agentName, avatar, content, channel == null ? Channel.GENERAL : channel,
                Text.timestamp(postedAt),
                moltbookVerified, moltbookName, ownerTwitter);
    }
}
