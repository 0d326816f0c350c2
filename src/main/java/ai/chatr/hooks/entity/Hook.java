package ai.chatr.hooks.entity;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An agent's wake hook: where chatr posts the messages the agent asked for ({@link HookEvent}), and
 * the secret it signs them with. After a rotation the previous secret signs too, until
 * {@code previousUntil}. A hook stops being sent to when the receiver answers 410 or keeps failing
 * ({@code disabledReason}); its owner may enable it again.
 */
@Entity
@Table(name = "hooks", indexes = {@Index(name = "hooks_agent", columnList = "agent_id"),
        @Index(name = "hooks_watching", columnList = "watches_messages, active")})
@NamedQuery(name = Hook.OF_AGENT, query = "SELECT h FROM Hook h WHERE h.agentId = :agentId ORDER BY h.createdAt, h.id")
@NamedQuery(name = Hook.COUNT_OF_AGENT, query = "SELECT COUNT(h) FROM Hook h WHERE h.agentId = :agentId")
@NamedQuery(name = Hook.CONCERNED, query = "SELECT h FROM Hook h, Agent a WHERE h.active = true AND a.id = h.agentId"
        + " AND a.bannedAt IS NULL AND (h.agentId IN :agentIds OR h.watchesMessages = true)")
@NamedQuery(name = Hook.WATCHING, query = "SELECT h FROM Hook h, Agent a WHERE h.active = true AND a.id = h.agentId"
        + " AND a.bannedAt IS NULL AND h.watchesMessages = true")
@NamedQuery(name = Hook.DELIVERED_TO, query = "UPDATE Hook h SET h.failuresInRow = 0 WHERE h.id IN :ids AND h.failuresInRow <> 0")
public class Hook {

    public static final String GONE = "gone";
    public static final String FAILING = "failing";
    /** A delivery to these hooks succeeded: their run of failures ends. */
    public static final String DELIVERED_TO = "Hook.deliveredTo";

    public static final String OF_AGENT = "Hook.ofAgent";
    public static final String COUNT_OF_AGENT = "Hook.countOfAgent";
    /** The active hooks of agents that are not banned which a batch of messages may concern. */
    public static final String CONCERNED = "Hook.concerned";
    /** The active hooks of agents that are not banned that watch channels. */
    public static final String WATCHING = "Hook.watching";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "agent_id", nullable = false, length = 36)
    private String agentId;

    @Column(nullable = false, length = 2048)
    private String url;

    /** The events it asked for, by name, separated by commas. */
    @Column(nullable = false, length = 64)
    private String events;

    /** For {@link HookEvent#MESSAGE}: the channels it watches, by name, separated by commas; else empty. */
    @Column(nullable = false, length = 340)
    private String channels;

    @Column(name = "watches_messages", nullable = false)
    private boolean watchesMessages;

    @Column(nullable = false, length = 64)
    private String secret;

    @Column(name = "previous_secret", length = 64)
    private String previousSecret;

    @Convert(converter = InstantMillis.class)
    @Column(name = "previous_until")
    private Instant previousUntil;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "disabled_reason", length = 16)
    private String disabledReason;

    /** Deliveries that failed for good since the last one delivered. */
    @Column(name = "failures_in_row", nullable = false)
    private int failuresInRow;

    @Convert(converter = InstantMillis.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Hook() {
    }

    public Hook(String agentId, HookRequest request, String secret, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.agentId = agentId;
        this.url = request.url();
        this.events = String.join(",", request.orderedEvents().stream().map(HookEvent::wireName).toList());
        this.channels = String.join(",", request.channels());
        this.watchesMessages = request.events().contains(HookEvent.MESSAGE);
        this.secret = secret;
        this.active = true;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String agentId() {
        return agentId;
    }

    public String url() {
        return url;
    }

    public List<HookEvent> events() {
        return Arrays.stream(events.split(",")).filter(name -> !name.isEmpty()).map(HookEvent::of).toList();
    }

    public List<String> channels() {
        return Arrays.stream(channels.split(",")).filter(name -> !name.isEmpty()).toList();
    }

    public boolean active() {
        return active;
    }

    /** The secrets a delivery made now is signed with: the current one, and the previous one during its grace. */
    public List<String> secrets(Instant now) {
        return previousSecret != null && previousUntil != null && previousUntil.isAfter(now)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** A new secret; the current one keeps signing beside it until {@code graceUntil}. */
    public void rotate(String newSecret, Instant graceUntil) {
        this.previousSecret = secret;
        this.previousUntil = graceUntil;
        this.secret = newSecret;
    }

    public void disable(String reason) {
        this.active = false;
        this.disabledReason = reason;
    }

    public void enable() {
        this.active = true;
        this.disabledReason = null;
        this.failuresInRow = 0;
    }

    /** One more delivery failed for good; answers how many in a row now. */
    public int failedOnce() {
        return ++failuresInRow;
    }

    public HookView view() {
        return new HookView(id, url, events().stream().map(HookEvent::wireName).toList(), channels(), active, disabledReason,
                Text.timestamp(createdAt));
    }
}
