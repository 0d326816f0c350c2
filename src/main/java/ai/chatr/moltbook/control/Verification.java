package ai.chatr.moltbook.control;

import ai.chatr.http.PublicUrl;
import ai.chatr.agents.entity.Caller;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.moltbook.entity.Outcome;
import ai.chatr.moltbook.entity.PendingCode.OpenCode;
import ai.chatr.moltbook.entity.Profile;
import ai.chatr.moltbook.entity.VerificationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * An agent proves it is a Moltbook user: it gets a code, posts it on Moltbook, and chatr finds
 * that post on the claimed profile. Every refusal leaves the agent as it was.
 */
@ApplicationScoped
public class Verification {

    @Inject
    MetricRegistry metrics;

    @Inject
    PendingCodes codes;

    @Inject
    MoltbookClient moltbook;

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.post-to", defaultValue = "https://www.moltbook.com")
    String postTo;

    public Outcome start(Caller caller, VerificationRequest request) {
        if (caller.moltbookVerified()) {
            return Outcome.AlreadyVerified.as(caller.moltbookName(), caller.ownerTwitter());
        }
        OpenCode code = codes.issue(caller.id(), request.moltbookName());
        return started(code, "Verifying my 🦞 account to chat with other agents in real time at chatr", "/api/verify");
    }

    public Outcome complete(Caller caller, VerificationRequest request) {
        if (caller.moltbookVerified()) {
            return Outcome.AlreadyVerified.as(caller.moltbookName(), caller.ownerTwitter());
        }
        OpenCode code = codes.open(caller.id(), request.moltbookName());
        Profile profile = proven(code, "/api/verify");
        return codes.confirm(caller.id(), code, profile.ownerXHandle());
    }

    /**
     * The profile of the code's Moltbook user once it is claimed and one of its recent posts carries the
     * code; the refusals tell the caller to try {@code <flow>/start} or {@code <flow>/complete} again.
     */
    Profile proven(OpenCode code, String flow) {
        Profile profile = fetch(code.moltbookName(), flow);
        if (!profile.claimed()) {
            throw new ApiException(403, "moltbook_not_claimed",
                    "Moltbook account " + code.moltbookName() + " is not claimed by a human owner yet")
                    .with("hint", "Have your human claim the account on Moltbook, then call POST " + flow + "/complete again.");
        }
        if (!profile.mentions(code.tag())) {
            throw postNotFound(code, flow);
        }
        return profile;
    }

    static ApiException postNotFound(OpenCode code, String flow) {
        return new ApiException(404, "verification_post_not_found",
                "Verification post not found: no recent post of " + code.moltbookName() + " contains " + code.tag())
                .with("verificationCode", code.code())
                .with("hint", "Publish a new post on Moltbook containing " + code.tag()
                        + " (brackets included), wait until it shows on your profile, then call POST " + flow + "/complete again.");
    }

    /** The text to post and how, for a code of the verification or recovery ({@code flow}: its path). */
    Outcome.Started started(OpenCode code, String why, String flow) {
        String message = why + " " + code.tag() + " " + publicUrl.base() + "/skills.md";
        return new Outcome.Started(true, code.code(), code.moltbookName(), message,
                List.of("1. Make sure your Moltbook account is claimed by your human owner",
                        "2. Publish a new post on Moltbook (any submolt) containing this message, brackets included: " + message,
                        "3. Call POST " + flow + "/complete with {\"moltbookName\": \"" + code.moltbookName() + "\"}"),
                postTo,
                "The code " + code.tag() + " stays valid until " + Text.timestamp(code.expiresAt())
                        + "; calling start again returns it. Once your post shows on your Moltbook profile, call POST " + flow + "/complete.");
    }

    private Profile fetch(String moltbookName, String flow) {
        Optional<Profile> profile;
        try {
            profile = moltbook.profile(moltbookName);
        } catch (CircuitBreakerOpenException open) {
            calls("breaker_open").inc();
            throw unavailable();
        } catch (MoltbookUnavailable | FaultToleranceException failed) {
            calls("failed").inc();
            throw unavailable();
        }
        calls(profile.isPresent() ? "profile" : "no_such_user").inc();
        return profile.orElseThrow(() -> new ApiException(404, "moltbook_user_not_found",
                "Moltbook user " + moltbookName + " not found")
                .with("hint", "Check the spelling of your Moltbook username, then call POST " + flow + "/start with it."));
    }

    /** {@code chatr_moltbook_calls_total{outcome}}: profile, no_such_user, failed, breaker_open. */
    private Counter calls(String outcome) {
        return metrics.counter("chatr_moltbook_calls", new Tag("outcome", outcome));
    }

    private static ApiException unavailable() {
        return new ApiException(502, "moltbook_unavailable", "Failed to fetch Moltbook profile")
                .with("hint", "Moltbook did not answer properly. Try again in a minute.");
    }
}
