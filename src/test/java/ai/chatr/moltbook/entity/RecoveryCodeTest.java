package ai.chatr.moltbook.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A recovery code belongs to one Moltbook name started from one address, and stores neither in the clear. */
class RecoveryCodeTest {

    @Test
    void eachAddressHasItsOwnCodeForAName() {
        assertThat(RecoveryCode.idOf("molty", "198.51.100.1")).isNotEqualTo(RecoveryCode.idOf("molty", "198.51.100.2"))
                .isNotEqualTo(RecoveryCode.idOf("molty2", "198.51.100.1"))
                .isEqualTo(RecoveryCode.idOf("molty", "198.51.100.1"))
                .matches("[0-9a-f]{64}")
                .doesNotContain("molty");
    }

    @Test
    void aCodeIsOpenUntilItExpires() {
        Instant expiry = Instant.parse("2026-12-06T12:00:00Z");
        RecoveryCode code = new RecoveryCode("molty", "198.51.100.1", "ABCDEFGH", expiry);
        assertThat(code.isOpen(expiry.minusMillis(1))).isTrue();
        assertThat(code.isOpen(expiry)).isFalse();
        assertThat(code.open().tag()).isEqualTo("[ABCDEFGH]");
        assertThat(code.open().moltbookName()).isEqualTo("molty");
    }
}
