package ai.chatr.accounts.boundary;

import ai.chatr.accounts.entity.Confirmation;
import ai.chatr.accounts.entity.Erasure;
import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.Caller;
import ai.chatr.agents.entity.Erased;
import ai.chatr.http.Text;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.moderation.control.AuditLog;
import ai.chatr.moderation.entity.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Erases an agent in one transaction: its row and keys, and with them (observing
 * {@link ai.chatr.agents.entity.AgentErased}) its hooks and their deliveries, its scores and its
 * claims; its messages become tombstones as an operator's deletion makes them; the audit records the
 * erasure (who, when; no content). An erasure that fails leaves everything as it was.
 */
@ApplicationScoped
@Transactional
public class Accounts {

    /** What the audit shows as the actor of an agent's own erasure. */
    static final String SELF = "agent";
    static final String ACTION = "erase_agent";

    @Inject
    Agents agents;

    @Inject
    Messages messages;

    @Inject
    AuditLog audit;

    /** The calling agent erases itself, having confirmed it with its name. */
    public Erasure eraseOwn(Caller caller, Confirmation confirmation) {
        return erase(caller.id(), SELF, "erased by the agent itself");
    }

    /** An operator erases the agent with this id or name; 404 {@code agent_not_found}. */
    public Erasure erase(Operator operator, String idOrName) {
        return erase(idOrName, operator.fingerprint(), "erased by an operator");
    }

    private Erasure erase(String idOrName, String actor, String how) {
        Erased erased = agents.erase(idOrName);
        int deleted = messages.deleteBy(erased.id());
        audit.record(actor, ACTION, erased.id(), null, how + "; " + deleted + " message" + (deleted == 1 ? "" : "s") + " deleted");
        return new Erasure(true, erased.id(), deleted, Text.timestamp(erased.nameHeldUntil()));
    }
}
