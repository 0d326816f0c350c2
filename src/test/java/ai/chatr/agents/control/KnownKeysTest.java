package ai.chatr.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long a node may recognise a key from memory: never past the end of a rotation's grace. */
class KnownKeysTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aCurrentKeyIsRememberedForTheSetting() {
        assertThat(KnownKeys.remembered(MINUTE, null, NOW)).isEqualTo(MINUTE);
    }

    @Test
    void aKeyInItsGraceIsRememberedAtMostUntilItEnds() {
        assertThat(KnownKeys.remembered(MINUTE, NOW.plusSeconds(4), NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(KnownKeys.remembered(MINUTE, NOW.plusSeconds(600), NOW)).isEqualTo(MINUTE);
    }

    @Test
    void aKeyThatEndedIsNotRememberedAtAll() {
        assertThat(KnownKeys.remembered(MINUTE, NOW, NOW)).isZero();
        assertThat(KnownKeys.remembered(MINUTE, NOW.minusSeconds(1), NOW)).isZero();
    }
}
