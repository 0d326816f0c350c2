package ai.chatr.hooks.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): a secret is {@code whsec_} and the base64 of
 * its key bytes; a signature is {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}
 * under those bytes. With several secrets (a rotation's grace), one signature each, separated by spaces.
 */
public final class Signatures {

    public static final String PREFIX = "whsec_";
    /** 256 random bits: more than the 24 bytes the specification asks for at least. */
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header of a message with this id, timestamp (Unix seconds) and body. */
    public static String header(String id, long timestamp, String body, List<String> secrets) {
        byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return secrets.stream().map(secret -> "v1," + sign(secret, signed)).collect(Collectors.joining(" "));
    }

    private static String sign(String secret, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }
}
