package ai.chatr.agents.control;

import ai.chatr.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code chatr_} and 32 hex digits from {@link SecureRandom}. Only their SHA-256 hash is
 * ever stored, and keys are looked up by that hash, so a lookup takes the same path whether the
 * key exists or not.
 */
@ApplicationScoped
public class ApiKeys {

    private static final String PREFIX = "chatr_";
    private static final Pattern FORMAT = Pattern.compile("chatr_[0-9a-f]{32}");
    private static final String BEARER = "Bearer ";

    private final SecureRandom random = new SecureRandom();

    public String generate() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    public String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }

    /**
     * The key a request presents, from {@code Authorization: Bearer …} or the legacy
     * {@code X-API-Key} header; 401 when there is none or it is not shaped like a key.
     */
    public String presented(String authorization, String apiKeyHeader) {
        String key = null;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = authorization.substring(BEARER.length()).trim();
        } else if (apiKeyHeader != null) {
            key = apiKeyHeader.trim();
        }
        if (key == null || !FORMAT.matcher(key).matches()) {
            throw new ApiException(401, "unauthorized", "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
        }
        return key;
    }
}
