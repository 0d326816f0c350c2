package ai.chatr.moderation.control;

import ai.chatr.moderation.entity.AuditEntry;
import ai.chatr.moderation.entity.AuditView;
import ai.chatr.moderation.entity.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What operators did, written in the transaction of each action, and read back oldest first. */
@ApplicationScoped
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    public void record(Operator operator, String action, String target, String reason, String detail) {
        record(operator.fingerprint(), action, target, reason, detail);
    }

    /** An entry whose actor is not an operator: {@code actor} is what the audit shows instead of a token's fingerprint. */
    public void record(String actor, String action, String target, String reason, String detail) {
        em.persist(new AuditEntry(actor, action, target, reason, detail, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** A page of entries, oldest first: the newest {@code limit}, or those just before {@code before}, or the first after {@code after}. */
    public List<AuditView> page(int limit, Long before, Long after) {
        List<String> where = new ArrayList<>();
        if (after != null) {
            where.add("e.id > :after");
        }
        if (before != null) {
            where.add("e.id < :before");
        }
        boolean newestFirst = after == null;
        TypedQuery<AuditEntry> query = em.createQuery("SELECT e FROM AuditEntry e" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY e.id" + (newestFirst ? " DESC" : ""), AuditEntry.class);
        if (after != null) {
            query.setParameter("after", after);
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        List<AuditView> page = new ArrayList<>(query.setMaxResults(limit).getResultStream().map(AuditEntry::view).toList());
        if (newestFirst) {
            Collections.reverse(page);
        }
        return page;
    }
}
