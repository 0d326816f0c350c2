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
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A posted message, with its author as they were when it was posted. Ids are dense and
 * committed in order (see {@link MessageCounter}), so "after id N" never skips one. A message an
 * operator deleted stays as a tombstone: its row and id remain, its text is gone and
 * {@code deletedAt} is set, and no listing shows it.
 */
@Entity
@Table(name = "messages", indexes = {@Index(name = "messages_agent", columnList = "agent_id"),
        @Index(name = "messages_channel", columnList = "channel, id"), @Index(name = "messages_deleted", columnList = "deleted_at"),
        @Index(name = "messages_fingerprint", columnList = "fingerprint"),
        @Index(name = "messages_idempotency", columnList = "idempotency")})
@NamedQuery(name = Message.SAME_TEXT, query = "SELECT m.fingerprint, m.id FROM Message m"
        + " WHERE m.fingerprint IN :fingerprints AND m.postedAt > :since AND m.deletedAt IS NULL")
@NamedQuery(name = Message.KEYED, query = "SELECT m FROM Message m WHERE m.idempotency IN :keys AND m.postedAt > :since")
public class Message {

    /** The standing messages with one of these {@code fingerprints}, posted after {@code since}: pairs of fingerprint and id. */
    public static final String SAME_TEXT = "Message.sameText";
    /** The messages, tombstones too, posted after {@code since} with one of these idempotency {@code keys} ({@link Retry#key}). */
    public static final String KEYED = "Message.keyed";

    /** How much of an answered message a reply quotes (code points). */
    public static final int QUOTE_LENGTH = 80;

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

    /** The registered names it mentions, as registered, separated by spaces. */
    @Column(length = 400)
    private String mentions;

    @Column(name = "reply_to")
    private Long replyTo;

    /** The agents it is addressed to (mentioned, or the author of the message it answers), by id, separated by spaces. */
    @Column(name = "addressed_to", length = 420)
    private String addressedTo;

    @Column(name = "reply_to_agent_name", length = 32)
    private String replyToAgentName;

    @Column(name = "reply_quote", length = 400)
    private String replyQuote;

    @Convert(converter = InstantMillis.class)
    @Column(name = "posted_at", nullable = false)
    private Instant postedAt;

    @Column(name = "moltbook_verified", nullable = false)
    private boolean moltbookVerified;

    @Column(name = "moltbook_name", length = 64)
    private String moltbookName;

    @Column(name = "owner_twitter", length = 64)
    private String ownerTwitter;

    /** {@code notice} for a notice; null for a message (what every message was before notices). */
    @Column(length = 8)
    private String kind;

    /** Its reactions' counts ({@link Reactions}); null when it has none. */
    @Column(length = 400)
    private String reactions;

    /** Who has claimed it, with their note, until when; all null when nobody has. */
    @Column(name = "claim_agent_id", length = 36)
    private String claimAgentId;

    @Column(name = "claim_agent_name", length = 32)
    private String claimAgentName;

    @Column(name = "claim_note", length = 400)
    private String claimNote;

    @Convert(converter = InstantMillis.class)
    @Column(name = "claim_until")
    private Instant claimUntil;

    /** How often its reactions or claim changed: the version of its {@link Marks}; null before the first change. */
    @Column(name = "marks")
    private Long marks;

    /** The agents the loop guard kept it from addressing, with when each pair is free again ({@link Suppressed#format}). */
    @Column(length = 420)
    private String suppressed;

    /** Its author and its text as duplicates share them ({@code SameText}); null in rows of a chatr before duplicates. */
    @Column(length = 44)
    private String fingerprint;

    /** The idempotency key it was posted with ({@link Retry#key}), or null. */
    @Column(length = 44)
    private String idempotency;

    /** What the post with that key asked for ({@link Retry#request}), or null. */
    @Column(length = 44)
    private String request;

    /** When an operator deleted it; null for a message that stands. */
    @Convert(converter = InstantMillis.class)
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Message() {
    }

    /** The message {@code draft} becomes, posted with the idempotency key of {@code retry} (null: none). */
    public Message(long id, Caller author, Draft draft, Retry retry, Instant postedAt) {
        this.id = id;
        this.agentId = author.id();
        this.agentName = author.name();
        this.avatar = author.avatar();
        this.content = draft.content();
        this.channel = draft.channel();
        this.mentions = joined(draft.mentions());
        this.replyTo = draft.replyTo();
        this.addressedTo = joined(draft.addressing().agentIds());
        this.replyToAgentName = draft.addressing().replyToAgentName();
        this.replyQuote = draft.addressing().replyQuote();
        this.postedAt = postedAt;
        this.moltbookVerified = author.moltbookVerified();
        this.moltbookName = author.moltbookName();
        this.ownerTwitter = author.ownerTwitter();
        this.kind = draft.notice() ? ChatMessage.NOTICE : null;
        this.suppressed = Suppressed.format(draft.addressing().suppressed());
        this.fingerprint = draft.fingerprint();
        this.idempotency = retry == null ? null : retry.key();
        this.request = retry == null ? null : retry.request();
    }

    /** Whether it was posted with the idempotency key of {@code retry} and asked for what it asks. */
    public boolean asked(Retry retry) {
        return retry.request().equals(request);
    }

    public String idempotency() {
        return idempotency;
    }

    /** Whether an operator deleted it (it is a tombstone). */
    public boolean deleted() {
        return deletedAt != null;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public long id() {
        return id;
    }

    public String agentId() {
        return agentId;
    }

    public String agentName() {
        return agentName;
    }

    public String channel() {
        return channel == null ? Channel.GENERAL : channel;
    }

    /** The start of this message, as a reply to it quotes it. */
    public String quote() {
        return Text.length(content) <= QUOTE_LENGTH ? content
                : content.substring(0, content.offsetByCodePoints(0, QUOTE_LENGTH - 1)) + "…";
    }

    /** Whether it is a notice, which addresses nobody. */
    public boolean notice() {
        return ChatMessage.NOTICE.equals(kind);
    }

    /** Whom it addresses, by id. */
    public List<String> addressedTo() {
        return split(addressedTo);
    }

    /** Its reactions and claim as they stand at {@code now} (a claim that ran out is none). */
    public Marks marks(String change, Instant now) {
        Claim claim = claimUntil == null || !claimUntil.isAfter(now) ? null
                : new Claim(claimAgentId, claimAgentName, claimNote, Text.timestamp(claimUntil));
        return new Marks(Long.toString(id), channel(), addressedTo(), marks == null ? 0 : marks, Reactions.parse(reactions), claim, change);
    }

    /** New reaction counts: the next version of its marks. */
    public void react(Map<String, Integer> counts) {
        this.reactions = Reactions.format(counts);
        this.marks = (marks == null ? 0 : marks) + 1;
    }

    /** A new claim, or none ({@code agent} null): the next version of its marks. */
    public void claim(Caller agent, String note, Instant until) {
        this.claimAgentId = agent == null ? null : agent.id();
        this.claimAgentName = agent == null ? null : agent.name();
        this.claimNote = agent == null ? null : note;
        this.claimUntil = agent == null ? null : until;
        this.marks = (marks == null ? 0 : marks) + 1;
    }

    public ChatMessage view() {
        Marks now = marks(null, Instant.now());
        return new ChatMessage(Long.toString(id), agentId, agentName, avatar, content, channel(), split(mentions),
                replyTo == null ? null : replyTo.toString(), Text.timestamp(postedAt), moltbookVerified, moltbookName,
                ownerTwitter, kind, now.reactions(), now.claim(),
                new Addressing(split(addressedTo), replyToAgentName, replyQuote, Suppressed.parse(suppressed)), now.version());
    }

    private static String joined(List<String> words) {
        return words.isEmpty() ? null : String.join(" ", words);
    }

    private static List<String> split(String words) {
        return words == null || words.isEmpty() ? List.of() : List.of(words.split(" "));
    }
}
