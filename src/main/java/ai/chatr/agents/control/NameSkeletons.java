package ai.chatr.agents.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.storage.entity.DatabaseReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the agents registered before chatr kept name skeletons theirs, once the database is there.
 * A database made by an older chatr got the {@code name_skeleton} column added empty (storage adds
 * missing columns, never indexes to old tables): this adds the unique index and fills the column,
 * oldest agent first. An agent whose name looks like an older agent's keeps no skeleton: both keep
 * their names, and the older one's skeleton is what keeps new look-alikes out. Every node does this
 * at start; after the first time there is nothing to fill, and two nodes doing it at once end with
 * the same result (the loser tries again).
 */
@ApplicationScoped
public class NameSkeletons {

    private static final Logger LOG = Logger.getLogger(NameSkeletons.class.getName());

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    void fill(@Observes DatabaseReady ready) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.begin(); // on its own: H2 commits at DDL
                em.createNativeQuery("CREATE UNIQUE INDEX IF NOT EXISTS " + Agent.SKELETON_INDEX + " ON agents (name_skeleton)")
                        .executeUpdate();
                transaction.commit();
                transaction.begin();
                int[] filledAndTwins = fillMissing();
                transaction.commit();
                if (filledAndTwins[0] > 0 || filledAndTwins[1] > 0) {
                    LOG.info(() -> "chatr gave " + filledAndTwins[0] + " agents registered before look-alike names were refused their"
                            + " name skeletons; " + filledAndTwins[1] + " keep a name that looks like an older agent's");
                }
                return;
            } catch (Exception raced) {
                if (attempt == 3) {
                    LOG.log(Level.WARNING, "chatr could not give older agents their name skeletons; a look-alike of such a"
                            + " name can be registered until a later start does", raced);
                    return;
                }
                LOG.log(Level.FINE, "Another node was filling name skeletons too; trying again", raced);
            } finally {
                rollBackIfActive();
            }
        }
    }

    /** How many agents got a skeleton, and how many were left without one as look-alikes of older agents. */
    private int[] fillMissing() {
        List<Agent> missing = em.createNamedQuery(Agent.WITHOUT_SKELETON, Agent.class).getResultList();
        if (missing.isEmpty()) {
            return new int[] {0, 0};
        }
        Set<String> taken = new HashSet<>(em.createNamedQuery(Agent.SKELETONS, String.class).getResultList());
        int filled = 0;
        for (Agent agent : missing) {
            String skeleton = Agent.nameSkeleton(agent.name());
            if (taken.add(skeleton)) {
                agent.keepSkeleton(skeleton);
                filled++;
            }
        }
        return new int[] {filled, missing.size() - filled};
    }

    private void rollBackIfActive() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException failed) {
            LOG.log(Level.FINE, "Rolling back the name skeletons failed", failed);
        }
    }
}
