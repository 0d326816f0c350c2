package ai.chatr.reputation.entity;

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
 * The standing score one agent gives another: +1 or -1, with an optional reason. One per pair
 * (its id is the pair); scoring again replaces it, withdrawing removes it. The scores of a banned
 * agent stay stored but are left out of every count and listing while it is banned.
 */
@Entity
@Table(name = "scores", indexes = {
        @Index(name = "scores_target", columnList = "to_id, scored_at"),
        @Index(name = "scores_scorer", columnList = "from_id")})
@NamedQuery(name = Score.COUNTS, query = "SELECT s.score, COUNT(s) FROM Score s, Agent a"
        + " WHERE s.toId = :agentId AND a.id = s.fromId AND a.bannedAt IS NULL GROUP BY s.score")
@NamedQuery(name = Score.RECENT, query = "SELECT s, a.name FROM Score s, Agent a"
        + " WHERE s.toId = :agentId AND a.id = s.fromId AND a.bannedAt IS NULL ORDER BY s.scoredAt DESC, s.id")
@NamedQuery(name = Score.TARGETS_OF, query = "SELECT s.toId FROM Score s WHERE s.fromId = :agentId ORDER BY s.toId")
public class Score {

    /** [score, how many] of the scores an agent holds from agents that are not banned. */
    public static final String COUNTS = "Score.counts";
    /** [score, scorer's name] of an agent's scores from agents that are not banned, newest first. */
    public static final String RECENT = "Score.recent";
    /** The ids of the agents an agent scored, in order (the order their rows are locked in). */
    public static final String TARGETS_OF = "Score.targetsOf";

    /** {@code fromId/toId}. */
    @Id
    @Column(length = 80)
    private String id;

    @Column(name = "from_id", nullable = false, length = 36)
    private String fromId;

    @Column(name = "to_id", nullable = false, length = 36)
    private String toId;

    /** +1 or -1. */
    @Column(nullable = false)
    private int score;

    @Column(length = 400)
    private String reason;

    @Convert(converter = InstantMillis.class)
    @Column(name = "scored_at", nullable = false)
    private Instant scoredAt;

    protected Score() {
    }

    public Score(String fromId, String toId, int score, String reason, Instant now) {
        this.id = key(fromId, toId);
        this.fromId = fromId;
        this.toId = toId;
        give(score, reason, now);
    }

    public static String key(String fromId, String toId) {
        return fromId + "/" + toId;
    }

    /** Replaces the score (and its reason) with this one, given now. */
    public void give(int score, String reason, Instant now) {
        this.score = score;
        this.reason = reason;
        this.scoredAt = now;
    }

    public int score() {
        return score;
    }

    public String reason() {
        return reason;
    }

    public Instant scoredAt() {
        return scoredAt;
    }
}
