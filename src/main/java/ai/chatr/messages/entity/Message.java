package ai.chatr.messages.entity;

import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.InstantMillis;
import ai.chatr.http.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A posted message, with its author as they were when it was posted. Ids are dense and
 * committed in order (see {@link MessageCounter}), so "after id N" never skips one.
 */
@Entity
@Table(name = "messages", indexes = @Index(name = "messages_agent", columnList = "agent_id"))
@NamedQuery(name = Message.NEWEST, query = "SELECT m FROM Message m ORDER BY m.id DESC")
@NamedQuery(name = Message.BEFORE, query = "SELECT m FROM Message m WHERE m.id < :before ORDER BY m.id DESC")
@NamedQuery(name = Message.AFTER, query = "SELECT m FROM Message m WHERE m.id > :after ORDER BY m.id")
@NamedQuery(name = Message.BETWEEN, query = "SELECT m FROM Message m WHERE m.id > :after AND m.id < :before ORDER BY m.id")
public class Message {

    public static final String NEWEST = "Message.newest";
    public static final String BEFORE = "Message.before";
    public static final String AFTER = "Message.after";
    public static final String BETWEEN = "Message.between";

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

    public Message(long id, Caller author, String content, Instant postedAt) {
        this.id = id;
        this.agentId = author.id();
        this.agentName = author.name();
        this.avatar = author.avatar();
        this.content = content;
        this.postedAt = postedAt;
        this.moltbookVerified = author.moltbookVerified();
        this.moltbookName = author.moltbookName();
        this.ownerTwitter = author.ownerTwitter();
    }

    public ChatMessage view() {
        return new ChatMessage(Long.toString(id), agentId, agentName, avatar, content, Text.timestamp(postedAt),
                moltbookVerified, moltbookName, ownerTwitter);
    }
}
