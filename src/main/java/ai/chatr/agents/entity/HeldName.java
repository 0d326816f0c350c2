package ai.chatr.agents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The name of an erased agent, held until {@code until} ({@code chatr.agents.name-hold} after the
 * erasure): nobody registers it, in any case or in look-alike characters, before then. After that it
 * counts for nothing, and the next registration that would have met it removes it.
 */
@Entity
@Table(name = "held_names", indexes = @Index(name = "held_names_skeleton", columnList = "name_skeleton"))
@NamedQuery(name = HeldName.HOLDING, query = "SELECT COUNT(h) FROM HeldName h"
        + " WHERE (h.nameKey = :nameKey OR h.nameSkeleton = :nameSkeleton) AND h.until > :now")
@NamedQuery(name = HeldName.RELEASE, query = "DELETE FROM HeldName h"
        + " WHERE (h.nameKey = :nameKey OR h.nameSkeleton = :nameSkeleton) AND h.until <= :now")
public class HeldName {

    /** How many held names stand in the way of this name key or skeleton now. */
    public static final String HOLDING = "HeldName.holding";
    /** Removes the holds on this name key or skeleton that ran out. */
    public static final String RELEASE = "HeldName.release";

    @Id
    @Column(name = "name_key", length = 32)
    private String nameKey;

    @Column(name = "name_skeleton", length = 128)
    private String nameSkeleton;

    @Convert(converter = InstantMillis.class)
    @Column(name = "held_until", nullable = false)
    private Instant until;

    protected HeldName() {
    }

    public HeldName(Agent agent, Instant until) {
        this.nameKey = agent.nameKey();
        this.nameSkeleton = agent.nameSkeleton() == null ? Agent.nameSkeleton(agent.name()) : agent.nameSkeleton();
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
