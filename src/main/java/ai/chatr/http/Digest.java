package ai.chatr.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 of a text (UTF-8), as 43 characters of base64url: what chatr stores instead of the text. */
public final class Digest {

    private Digest() {
    }

    public static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("Every Java runtime has SHA-256", required);
        }
    }
}
