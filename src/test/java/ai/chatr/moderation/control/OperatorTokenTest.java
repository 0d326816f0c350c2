package ai.chatr.moderation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's token without a container: off unless a SHA-256 hash is set, and only the secret behind it opens. */
class OperatorTokenTest {

    private static final String SECRET = "s3cret with spaces and ünïcode";

    @Test
    void theSecretBehindTheHashIsAcceptedAndNothingElse() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8)));
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
                Optional.of("ab".repeat(31)), Optional.of("ab".repeat(33)), Optional.of("zz".repeat(32))}) {
            OperatorToken token = new OperatorToken();
            token.tokenHash = setting;
            token.read();
            assertThat(token.enabled()).as(setting.toString()).isFalse();
            assertThat(token.accepts("")).isFalse();
            assertThat(token.accepts("anything")).isFalse();
        }
    }

    private static OperatorToken token(String hash) {
        OperatorToken token = new OperatorToken();
        token.tokenHash = Optional.of(hash);
        token.read();
        return token;
    }
}
