package ai.chatr.moderation.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's secret, known only by its SHA-256 hash ({@code chatr.admin.token-hash}, hex). Without
 * the setting, or with one that is no SHA-256 hash (64 hex digits), or the hash of an empty secret,
 * there is no operator access at all, and the start-up log says why. A presented secret is hashed and
 * the hashes compared in constant time, so the answer's timing tells nothing of how close a guess came.
 *
 * <p>The right secret is never refused (see {@code OperatorAuthentication}), so guessing is held off by
 * the secret alone: it must have at least 128 bits of randomness, as {@link #HOW_TO_MAKE_ONE} makes
 * (256). A hash does not tell how its secret was made, so this is the operator's part; the README and
 * {@code payara/start} say so.
 */
@ApplicationScoped
public class OperatorToken {

    private static final Logger LOG = Logger.getLogger(OperatorToken.class.getName());
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** What no operator means to configure: the hash of nothing (an unset {@code $SECRET}). */
    private static final String EMPTY_SECRET_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** A secret of 256 random bits and its hash, as the start-up log tells the operator. */
    static final String HOW_TO_MAKE_ONE = "SECRET=$(head -c 32 /dev/urandom | base64); "
            + "CHATR_ADMIN_TOKEN_HASH=$(printf %s \"$SECRET\" | sha256sum | cut -d' ' -f1)";
    /** How much of the hash names the operator in the audit: enough to tell tokens apart, not to attack one. */
    private static final int FINGERPRINT_LENGTH = 12;

    @Inject
    @ConfigProperty(name = "chatr.admin.token-hash")
    Optional<String> tokenHash;

    private byte[] expected;
    private String fingerprint;

    @PostConstruct
    void read() {
        Optional<String> hash = tokenHash.map(String::strip).map(value -> value.toLowerCase(Locale.ROOT)).filter(value -> !value.isEmpty());
        if (hash.isEmpty()) {
            return;
        }
        if (!SHA_256_HEX.matcher(hash.get()).matches()) {
            LOG.severe("chatr.admin.token-hash is not a SHA-256 hash (64 hex digits): operator access stays off."
                    + " Make a secret of at least 128 random bits and its hash with: " + HOW_TO_MAKE_ONE);
            return;
        }
        if (hash.get().equals(EMPTY_SECRET_HASH)) {
            LOG.severe("chatr.admin.token-hash is the SHA-256 hash of an empty secret: operator access stays off."
                    + " Make a secret of at least 128 random bits and its hash with: " + HOW_TO_MAKE_ONE);
            return;
        }
        expected = HexFormat.of().parseHex(hash.get());
        fingerprint = hash.get().substring(0, FINGERPRINT_LENGTH);
        LOG.info("Operator access is on, for the secret whose hash begins " + fingerprint);
    }

    /** Whether operator access is on. */
    public boolean enabled() {
        return expected != null;
    }

    /** Whether {@code secret} is the operator's secret; false when access is off. */
    public boolean accepts(String secret) {
        if (expected == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), expected);
    }

    /** The start of the token's hash: who did it, in the audit. */
    public String fingerprint() {
        return fingerprint;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
