package ai.chatr.moderation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The operator's token without a container: off unless a SHA-256 hash is set, and only the secret behind it opens. */
class OperatorTokenTest {

    private static final String SECRET = "s3cret with spaces and ünïcode";

    @Test
    void theSecretBehindTheHashIsAcceptedAndNothingElse() {
        String hash = sha256(SECRET);
        OperatorToken token = token(" " + hash.toUpperCase() + "\n");
        assertThat(token.enabled()).isTrue();
        assertThat(token.accepts(SECRET)).isTrue();
        assertThat(token.accepts(SECRET + " ")).isFalse();
        assertThat(token.accepts(hash)).as("the hash is not the secret").isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.fingerprint()).isEqualTo(hash.substring(0, 12));
    }

    @Test
    void withoutAHashThereIsNoOperator() {
        for (Optional<String> setting : new Optional[] {Optional.empty(), Optional.of(""), Optional.of("  "), Optional.of("not hex"),
                Optional.of("ab".repeat(31)), Optional.of("ab".repeat(33)), Optional.of("zz".repeat(32)),
                Optional.of(sha256("")), Optional.of(sha256("") + "  -")}) {
            OperatorToken token = new OperatorToken();
            token.tokenHash = setting;
            token.read();
            assertThat(token.enabled()).as(setting.toString()).isFalse();
            assertThat(token.accepts("")).isFalse();
            assertThat(token.accepts("anything")).isFalse();
        }
    }

    @Test
    void aRefusedHashIsExplainedAtStartWithHowToMakeASecretOfEnoughRandomness() {
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OperatorToken.class.getName());
        logger.addHandler(handler);
        try {
            token("not a hash");
            token(sha256(""));
            token(sha256(SECRET));
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(logged).hasSize(3);
        assertThat(logged.get(0)).startsWith("SEVERE chatr.admin.token-hash is not a SHA-256 hash (64 hex digits): operator access stays off.");
        assertThat(logged.get(1)).startsWith("SEVERE chatr.admin.token-hash is the SHA-256 hash of an empty secret: operator access stays off.");
        assertThat(logged.subList(0, 2)).allSatisfy(line -> assertThat(line)
                .contains("at least 128 random bits", "head -c 32 /dev/urandom | base64", "sha256sum | cut -d' ' -f1"));
        assertThat(logged.get(2)).isEqualTo("INFO Operator access is on, for the secret whose hash begins " + sha256(SECRET).substring(0, 12));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static OperatorToken token(String hash) {
        OperatorToken token = new OperatorToken();
        token.tokenHash = Optional.of(hash);
        token.read();
        return token;
    }
}
