package ai.chatr.messages.control;

import ai.chatr.http.Digest;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When two posts say the same: their texts are equal after Unicode NFKC, case folding and collapsing
 * every run of white space into one space. A post's fingerprint is that text and its author's id,
 * hashed, so that a duplicate is one indexed lookup.
 */
public final class SameText {

    private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private SameText() {
    }

    /** The text as it is compared. */
    static String folded(String content) {
        String folded = Normalizer.normalize(content, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return SPACE.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    /** The fingerprint of {@code content} posted by the agent {@code agentId}: 43 characters of base64url. */
    public static String fingerprint(String agentId, String content) {
        return Digest.sha256(agentId + "\n" + folded(content));
    }
}
