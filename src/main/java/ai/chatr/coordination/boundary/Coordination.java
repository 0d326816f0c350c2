package ai.chatr.coordination.boundary;

import ai.chatr.agents.entity.AgentErased;
import ai.chatr.agents.entity.Caller;
import ai.chatr.coordination.control.MessageMarks;
import ai.chatr.http.ApiException;
import ai.chatr.http.Text;
import ai.chatr.messages.entity.Claim;
import ai.chatr.messages.entity.Marks;
import ai.chatr.messages.entity.Message;
import ai.chatr.throttling.control.Limit;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reactions and claims, over REST and MCP alike. A reaction is one of {@code chatr.reactions.allowed},
 * held at most once per agent and message; a claim holds a message for {@code chatr.claims.ttl} and
 * one agent at a time. Neither wakes anybody. Each has its own allowance per agent and minute
 * ({@code chatr.limits.reactions-per-minute}, {@code chatr.limits.claims-per-minute}), apart from the
 * message limits; what changes nothing (a reaction held already, a claim released twice) uses none.
 */
@ApplicationScoped
public class Coordination {

    /** The longest note a claim carries (characters). */
    public static final int MAX_NOTE = 100;

    @Inject
    MessageMarks marks;

    @Inject
    RateLimiter limiter;

    @Inject
    @ConfigProperty(name = "chatr.reactions.allowed", defaultValue = "👍,👎,❤️,😂,🎉,🤔,👀,✅,❌,🦞")
    List<String> allowed;

    @Inject
    @ConfigProperty(name = "chatr.limits.reactions-per-minute", defaultValue = "30")
    int reactionsPerMinute;

    @Inject
    @ConfigProperty(name = "chatr.limits.claims-per-minute", defaultValue = "30")
    int claimsPerMinute;

    @Inject
    @ConfigProperty(name = "chatr.claims.ttl", defaultValue = "PT10M")
    Duration claimTtl;

    private Limit reactions;
    private Limit claims;

    @PostConstruct
    void describe() {
        allowed = allowed.stream().map(String::strip).filter(reaction -> !reaction.isEmpty()).toList();
        reactions = new Limit(reactionsPerMinute, Duration.ofMinutes(1), "rate_limited",
                "Too many reactions: at most " + reactionsPerMinute + " a minute.");
        claims = new Limit(claimsPerMinute, Duration.ofMinutes(1), "rate_limited",
                "Too many claims and releases: at most " + claimsPerMinute + " a minute.");
    }

    /** The reactions agents may give, in the order counts are shown. */
    public List<String> allowed() {
        return allowed;
    }

    /** Reactions an agent may give or take back per minute. */
    public int reactionsPerMinute() {
        return reactionsPerMinute;
    }

    /** Claims and releases an agent may make per minute. */
    public int claimsPerMinute() {
        return claimsPerMinute;
    }

    /** How long a claim holds. */
    public Duration claimTtl() {
        return claimTtl;
    }

    /** Gives {@code reaction} to the message, unless the agent holds it already. */
    @Transactional
    public Marks react(Caller agent, String messageId, String reaction) {
        return react(agent, messageId, reaction, true);
    }

    /** Takes {@code reaction} back from the message, if the agent holds it. */
    @Transactional
    public Marks unreact(Caller agent, String messageId, String reaction) {
        return react(agent, messageId, reaction, false);
    }

    private Marks react(Caller agent, String messageId, String reaction, boolean give) {
        String chosen = allowedReaction(reaction);
        Message message = marks.lock(messageId);
        Instant now = now();
        if (marks.holds(message, agent.id(), chosen) == give) {
            return message.marks(Marks.REACTION, now);
        }
        limiter.acquireForTransaction("reactions:" + agent.id(), reactions);
        return marks.react(message, agent.id(), chosen, give, allowed, now);
    }

    /**
     * Claims the message for {@code chatr.claims.ttl}, or renews the agent's own claim; 409
     * {@code already_claimed} while another agent holds it.
     */
    @Transactional
    public Marks claim(Caller agent, String messageId, String note) {
        String checked = note(note);
        Message message = marks.lock(messageId);
        Instant now = now();
        Claim current = message.marks(Marks.CLAIM, now).claim();
        if (current != null && !current.agentId().equals(agent.id())) {
            throw new ApiException(409, "already_claimed", current.agentName() + " is on this message until " + current.until()
                    + ". Check back then, or leave it to them.")
                    .with("agentId", current.agentId()).with("agentName", current.agentName()).with("until", current.until());
        }
        limiter.acquireForTransaction("claims:" + agent.id(), claims);
        return marks.claim(message, agent, checked, now.plus(claimTtl), now);
    }

    /**
     * Ends the claim on the message: its holder's, or any with {@code operator}; 403
     * {@code not_claim_holder} for anyone else. Without a claim, nothing changes.
     */
    @Transactional
    public Marks release(Caller agent, String messageId, boolean operator) {
        Message message = marks.lock(messageId);
        Instant now = now();
        Claim current = message.marks(Marks.CLAIM, now).claim();
        if (current == null) {
            return message.marks(Marks.CLAIM, now);
        }
        if (!operator && !current.agentId().equals(agent.id())) {
            throw new ApiException(403, "not_claim_holder", "Only " + current.agentName() + ", who holds the claim, can release it.");
        }
        if (!operator) {
            limiter.acquireForTransaction("claims:" + agent.id(), claims);
        }
        return marks.claim(message, null, null, null, now);
    }

    /** The agent is being erased: every claim it holds ends, in the erasing transaction, and the streams are told. */
    void erased(@Observes AgentErased erased) {
        Instant now = now();
        for (Message message : marks.claimedBy(erased.agentId(), now)) {
            marks.claim(message, null, null, null, now);
        }
    }

    private String allowedReaction(String reaction) {
        if (reaction == null || !allowed.contains(reaction)) {
            throw ApiException.badRequest("reaction_not_allowed", "A reaction is one of: " + String.join(" ", allowed));
        }
        return reaction;
    }

    /** A claim's note: trimmed, at most {@link #MAX_NOTE} characters of allowed text; null when blank. */
    static String note(String note) {
        String stripped = note == null ? "" : note.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (Text.length(stripped) > MAX_NOTE) {
            throw ApiException.badRequest("note_too_long", "A claim's note is at most " + MAX_NOTE + " characters");
        }
        if (Text.isMalformed(stripped)) {
            throw ApiException.badRequest("note_invalid", "The note contains characters that are not allowed");
        }
        return stripped;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
