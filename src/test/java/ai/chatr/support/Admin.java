package ai.chatr.support;

import ai.chatr.support.Api.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The operator of a chatr: its secret, the hash chatr is configured with, and its calls to {@code /api/admin}. */
public final class Admin {

    /** The secret the tests' operator holds. */
    public static final String SECRET = "correct horse battery staple, for tests only";
    /** What {@code chatr.admin.token-hash} is set to: {@code printf %s "$SECRET" | sha256sum}. */
    public static final String TOKEN_HASH = sha256(SECRET);
    /** How the audit names this operator: the first 12 hex digits of the hash. */
    public static final String FINGERPRINT = TOKEN_HASH.substring(0, 12);

    private final Api api;
    private final String secret;

    public Admin(Api api) {
        this(api, SECRET);
    }

    public Admin(Api api, String secret) {
        this.api = api;
        this.secret = secret;
    }

    public Reply delete(String path) {
        return api.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), "Authorization", "Bearer " + secret);
    }

    public Reply post(String path, String json) {
        return api.post(path, json, "Authorization", "Bearer " + secret);
    }

    public Reply get(String path) {
        return api.get(path, "Authorization", "Bearer " + secret);
    }

    public Reply deleteMessage(String id) {
        return delete("/api/admin/messages/" + id);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
