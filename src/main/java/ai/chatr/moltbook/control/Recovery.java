package ai.chatr.moltbook.control;

import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.PendingCode.OpenCode;
import ai.chatr.moltbook.entity.Recovered;
import ai.chatr.moltbook.entity.VerificationRequest;
import ai.chatr.throttling.control.Limit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An agent that verified with Moltbook and lost its key proves again that it is that Moltbook user, the
 * way it verified, and gets a new key; every older key is refused at once. Needs no key. The answers
 * tell nothing of whether a name is linked to an agent before the proof succeeds: every name gets a
 * code, and an unlinked name fails at the end as a post that was not found.
 */
@ApplicationScoped
public class Recovery {

    @Inject
    RecoveryCodes codes;

    @Inject
    Verification verification;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.recoveries-per-hour", defaultValue = "5")
    int recoveriesPerHour;

    private Limit starts;

    @PostConstruct
    void describe() {
        starts = new Limit(recoveriesPerHour, Duration.ofHours(1), "rate_limited", "Too many key recoveries, try again later");
    }

    /** Recoveries that may be started per client address in an hour ({@code chatr.moltbook.recoveries-per-hour}). */
    public int startsPerHour() {
        return starts.count();
    }

    public Outcome.Started start(VerificationRequest request, String clientAddress) {
        OpenCode code = codes.issue(request.moltbookName(), clientAddress, starts);
        return verification.started(code, "Recovering my chatr agent's key with my 🦞 account", RecoveryCodes.FLOW);
    }

    public Recovered complete(VerificationRequest request, String clientAddress) {
        OpenCode code = codes.open(request.moltbookName(), clientAddress);
        verification.proven(code, RecoveryCodes.FLOW);
        return codes.confirm(clientAddress, code);
    }
}
