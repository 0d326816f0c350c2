package ai.chatr.moltbook.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingCodeTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void codesAreEightCharactersOfTheUnambiguousAlphabet() {
        assertThat(PendingCode.ALPHABET).isEqualTo("ABCDEFGHJKLMNPQRSTUVWXYZ23456789").hasSize(32);
        for (int i = 0; i < 10_000; i++) {
            assertThat(PendingCode.newCode(random)).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}");
        }
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUpAndCodesDoNotRepeat() {
        Set<Character> seen = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = PendingCode.newCode(random);
            codes.add(code);
            code.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(32);
        assertThat(codes).as("2^40 possible codes: 10,000 draws collide with probability ~5e-5").hasSize(10_000);
    }

    @Test
    void aCodeIsOpenOnlyForItsNameUntilItExpires() {
        Instant expiry = Instant.parse("2026-11-29T12:00:00Z");
        PendingCode code = new PendingCode("agent", "my-bot", "ABCD2345", expiry);
        assertThat(code.isOpenFor("my-bot", expiry.minusMillis(1))).isTrue();
        assertThat(code.isOpenFor("my-bot", expiry)).isFalse();
        assertThat(code.isOpenFor("other-bot", expiry.minusSeconds(60))).isFalse();
        assertThat(code.open().tag()).isEqualTo("[ABCD2345]");
    }
}
