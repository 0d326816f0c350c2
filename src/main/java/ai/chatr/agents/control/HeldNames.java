package ai.chatr.agents.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.HeldName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The names of erased agents, held for {@code chatr.agents.name-hold} (P30D) so that nobody can pose
 * as an agent in the conversation it left; a hold that ran out is released when the name is asked for.
 */
@ApplicationScoped
public class HeldNames {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.agents.name-hold", defaultValue = "P30D")
    Duration hold;

    /** How long an erased agent's name stays taken. */
    public Duration hold() {
        return hold.isNegative() ? Duration.ZERO : hold;
    }

    /**
     * Whether a name with this key or skeleton ({@link Agent#nameKey}, {@link Agent#nameSkeleton}) is
     * held at {@code now}; holds of it that ran out are released.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean held(String nameKey, String nameSkeleton, Instant now) {
        if (em.createNamedQuery(HeldName.HOLDING, Long.class)
                .setParameter("nameKey", nameKey)
                .setParameter("nameSkeleton", nameSkeleton)
                .setParameter("now", now)
                .getSingleResult() > 0) {
            return true;
        }
        em.createNamedQuery(HeldName.RELEASE)
                .setParameter("nameKey", nameKey)
                .setParameter("nameSkeleton", nameSkeleton)
                .setParameter("now", now)
                .executeUpdate();
        return false;
    }

    /** Holds the name of {@code agent}, which is being erased, from {@code now}; answers until when. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant hold(Agent agent, Instant now) {
        Instant until = now.plus(hold());
        HeldName stale = em.find(HeldName.class, agent.nameKey());
        if (stale != null) { // an older agent's of this name, run out
            em.remove(stale);
            em.flush();
        }
        em.persist(new HeldName(agent, until));
        return until;
    }
}
