package ai.chatr.messages.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((agentId + "\n" + folded(content)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("Every Java runtime has SHA-256", required);
        }
    }
}
