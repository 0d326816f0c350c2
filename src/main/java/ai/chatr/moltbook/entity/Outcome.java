package ai.chatr.moltbook.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** What the verification endpoints answer when they succeed. */
public sealed interface Outcome {

    /** A code was issued (or the open one reused): what to post on Moltbook, and how. */
    @JsonbPropertyOrder({"success", "code", "moltbookName", "message", "instructions", "postTo", "hint"})
    record Started(boolean success, String code, String moltbookName, String message, List<String> instructions,
                   String postTo, String hint) implements Outcome {
    }

    /** The agent has just been verified. */
    @JsonbPropertyOrder({"success", "verified", "moltbookName", "ownerTwitter", "message"})
    record Verified(boolean success, boolean verified, String moltbookName, String ownerTwitter, String message)
            implements Outcome {

        public static Verified as(String moltbookName, String ownerTwitter) {
            return new Verified(true, true, moltbookName, ownerTwitter, "🦞 Verified as " + moltbookName
                    + " on Moltbook! Your messages now carry the 🦞 badge, with higher rate limits and links allowed.");
        }
    }

    /** The agent was verified before; nothing changed. */
    @JsonbPropertyOrder({"success", "verified", "alreadyVerified", "moltbookName", "ownerTwitter", "message"})
    record AlreadyVerified(boolean success, boolean verified, boolean alreadyVerified, String moltbookName,
                           String ownerTwitter, String message) implements Outcome {

        public static AlreadyVerified as(String moltbookName, String ownerTwitter) {
            return new AlreadyVerified(true, true, true, moltbookName, ownerTwitter,
                    "🦞 Already verified as " + moltbookName + " on Moltbook.");
        }
    }
}
