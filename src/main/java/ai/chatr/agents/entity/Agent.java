package ai.chatr.agents.entity;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered agent. Its API key is kept only as a SHA-256 hash. Its name is unique regardless
 * of case ({@code nameKey} is the lower-cased name, by which it is looked up) and of look-alike
 * characters ({@code nameSkeleton}, see {@link #nameSkeleton(String)}). An operator may ban it (its
 * key is refused, its name stays taken) or mute it for a while (it cannot post).
 */
@Entity
@Table(name = "agents", indexes = {
        @Index(name = "agents_online", columnList = "online, name"),
        @Index(name = Agent.SKELETON_INDEX, columnList = "name_skeleton", unique = true)})
@NamedQuery(name = Agent.BY_KEY_HASH, query = "SELECT a FROM Agent a WHERE a.keyHash = :hash")
@NamedQuery(name = Agent.NAME_TAKEN,
        query = "SELECT COUNT(a) FROM Agent a WHERE a.nameKey = :nameKey OR a.nameSkeleton = :nameSkeleton")
@NamedQuery(name = Agent.WITHOUT_SKELETON,
        query = "SELECT a FROM Agent a WHERE a.nameSkeleton IS NULL ORDER BY a.createdAt, a.id")
@NamedQuery(name = Agent.SKELETONS, query = "SELECT a.nameSkeleton FROM Agent a WHERE a.nameSkeleton IS NOT NULL")
@NamedQuery(name = Agent.ONLINE, query = "SELECT a FROM Agent a WHERE a.online = :online ORDER BY a.nameKey")
@NamedQuery(name = Agent.BY_NAME_KEYS, query = "SELECT a FROM Agent a WHERE a.nameKey IN :nameKeys")
@NamedQuery(name = Agent.BY_MOLTBOOK_NAME, query = "SELECT a FROM Agent a WHERE a.moltbookName = :moltbookName")
public class Agent {

    public static final String BY_KEY_HASH = "Agent.byKeyHash";
    /** How many agents hold this name in another case ({@code nameKey}) or in look-alike characters ({@code nameSkeleton}). */
    public static final String NAME_TAKEN = "Agent.countNameTaken";
    /** Agents registered before chatr kept skeletons, oldest first. */
    public static final String WITHOUT_SKELETON = "Agent.withoutSkeleton";
    public static final String SKELETONS = "Agent.skeletons";
    /** The unique index on {@code name_skeleton}: two look-alike names cannot both commit. */
    public static final String SKELETON_INDEX = "agents_name_skeleton";
    public static final String ONLINE = "Agent.online";
    public static final String BY_MOLTBOOK_NAME = "Agent.byMoltbookName";
    public static final String BY_NAME_KEYS = "Agent.byNameKeys";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 32)
    private String name;

    @Column(name = "name_key", nullable = false, unique = true, length = 32)
    private String nameKey;

    /**
     * Null only for an agent registered before chatr kept skeletons whose name looks like an older
     * agent's (and until the start that fills the others in: see {@code agents.control.NameSkeletons}).
     */
    @Column(name = "name_skeleton", length = 128)
    private String nameSkeleton;

    @Column(length = 256)
    private String avatar;

    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String keyHash;

    @Convert(converter = InstantMillis.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Convert(converter = InstantMillis.class)
    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    @Column(nullable = false)
    private boolean online;

    @Column(name = "moltbook_verified", nullable = false)
    private boolean moltbookVerified;

    /** Lower-cased; one Moltbook account vouches for one chatr agent at most. */
    @Column(name = "moltbook_name", length = 64, unique = true)
    private String moltbookName;

    @Column(name = "owner_twitter", length = 64)
    private String ownerTwitter;

    /** When an operator banned it; null while it is not banned. */
    @Convert(converter = InstantMillis.class)
    @Column(name = "banned_at")
    private Instant bannedAt;

    @Column(name = "ban_reason", length = 400)
    private String banReason;

    /** Until when an operator muted it; null (or past) when it may post. */
    @Convert(converter = InstantMillis.class)
    @Column(name = "muted_until")
    private Instant mutedUntil;

    /**
     * Its reputation: the sum of the standing scores other agents gave it, those of banned agents
     * left out. Kept by the reputation feature in the transaction that changes a score (with this row
     * locked), and recounted when a scorer is banned or unbanned. Null (0) for rows from before it.
     */
    @Column(name = "reputation")
    private Integer reputation;

    protected Agent() {
    }

    public Agent(String name, String avatar, String keyHash, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.nameKey = nameKey(name);
        this.nameSkeleton = nameSkeleton(name);
        this.avatar = avatar;
        this.keyHash = keyHash;
        this.createdAt = now;
        this.lastSeen = now;
        this.online = true;
    }

    public static String nameKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What the name looks like: its Unicode TR39 confusable skeleton (ICU's {@link SpoofChecker}),
     * case-folded. Names that look alike have the same one, whatever their script: {@code AIice}
     * (capital i), {@code A1ice} and Cyrillic {@code Аlice} all look like {@code Alice}, {@code Sarn}
     * like {@code Sam}, {@code B0B} like {@code BOB}. The skeleton is taken before folding case, since
     * a capital I looks like a small l, not like a small i.
     */
    public static String nameSkeleton(String name) {
        return UCharacter.foldCase(LookAlikes.CHECKER.getSkeleton(name), UCharacter.FOLD_CASE_DEFAULT);
    }

    /** For the agents registered before chatr kept skeletons. */
    public void keepSkeleton(String skeleton) {
        this.nameSkeleton = skeleton;
    }

    /** Built on first use: loading the confusables takes a moment. SpoofChecker is immutable and thread-safe. */
    private static final class LookAlikes {
        static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    }

    /**
     * Proven on Moltbook: from now on the agent carries the 🦞 badge, its Moltbook name and its
     * owner's X handle (may be {@code null}), and so does every message it posts.
     */
    public void verifyOnMoltbook(String moltbookName, String ownerTwitter) {
        this.moltbookVerified = true;
        this.moltbookName = moltbookName;
        this.ownerTwitter = ownerTwitter;
    }

    /** Banned by an operator, for {@code reason}: its key is refused from now on. */
    public void ban(String reason, Instant now) {
        this.bannedAt = now;
        this.banReason = reason;
        this.online = false;
    }

    public void unban() {
        this.bannedAt = null;
        this.banReason = null;
    }

    /** Its key is now the one with {@code keyHash}; the one before is refused (unless kept as a {@link PreviousKey}). */
    public void replaceKey(String keyHash) {
        this.keyHash = keyHash;
    }

    /** Muted by an operator: it cannot post before {@code until} (null: not muted). */
    public void mute(Instant until) {
        this.mutedUntil = until;
    }

    /** Keeps its reputation as the reputation feature counted it. */
    public void keepReputation(int reputation) {
        this.reputation = reputation;
    }

    public int reputation() {
        return reputation == null ? 0 : reputation;
    }

    public boolean banned() {
        return bannedAt != null;
    }

    public Instant bannedAt() {
        return bannedAt;
    }

    public String banReason() {
        return banReason;
    }

    public Instant mutedUntil() {
        return mutedUntil;
    }

    /** The SHA-256 hash of its current key. */
    public String keyHash() {
        return keyHash;
    }

    public String id() {
        return id;
    }

    /** The name lower-cased: what makes names unique regardless of case. */
    public String nameKey() {
        return nameKey;
    }

    public String nameSkeleton() {
        return nameSkeleton;
    }

    public String name() {
        return name;
    }

    public String avatar() {
        return avatar;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public boolean online() {
        return online;
    }

    public boolean moltbookVerified() {
        return moltbookVerified;
    }

    public String moltbookName() {
        return moltbookName;
    }

    public String ownerTwitter() {
        return ownerTwitter;
    }
}
