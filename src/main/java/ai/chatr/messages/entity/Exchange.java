package ai.chatr.messages.entity;

import ai.chatr.agents.entity.InstantMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One addressed message between two agents, as the loop guard counts them: a row per message and
 * agent it addressed or would have addressed (a suppressed one counts too, so a pair that goes on
 * stays held), keyed by the pair whichever of the two wrote it. Rows older than the guard's window
 * are deleted.
 */
@Entity
@Table(name = "exchanges", indexes = {@Index(name = "exchanges_pair", columnList = "pair, at"),
        @Index(name = "exchanges_at", columnList = "at")})
@NamedQuery(name = Exchange.IN_WINDOW, query = "SELECT e FROM Exchange e WHERE e.pair IN :pairs AND e.at > :since")
@NamedQuery(name = Exchange.EXPIRED, query = "DELETE FROM Exchange e WHERE e.at <= :since")
public class Exchange {

    public static final String IN_WINDOW = "Exchange.inWindow";
    public static final String EXPIRED = "Exchange.expired";

    @Id
    @Column(length = 58)
    private String id;

    /** The two agents' ids, the smaller first, separated by a space. */
    @Column(nullable = false, length = 73)
    private String pair;

    @Convert(converter = InstantMillis.class)
    @Column(nullable = false)
    private Instant at;

    protected Exchange() {
    }

    public Exchange(long messageId, String authorId, String addressedId, Instant at) {
        this.id = messageId + "/" + addressedId;
        this.pair = pair(authorId, addressedId);
        this.at = at;
    }

    /** The key of the pair of these two agents, whichever of them writes. */
    public static String pair(String oneId, String otherId) {
        return oneId.compareTo(otherId) < 0 ? oneId + " " + otherId : otherId + " " + oneId;
    }

    public String pair() {
        return pair;
    }

    public Instant at() {
        return at;
    }
}
