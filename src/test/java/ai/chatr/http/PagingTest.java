package ai.chatr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging parameters: in range they are taken as they are, outside it refused in words that give the range. */
class PagingTest {

    @Test
    void limitsFromOneToAHundredAreTakenAndNoneMeansFifty() {
        assertThat(Paging.of("1", null, null, null).limit()).isEqualTo(1);
        assertThat(Paging.of(" 100 ", null, null, null).limit()).isEqualTo(100);
        assertThat(Paging.of(null, null, null, null).limit()).isEqualTo(50);
        assertThat(Paging.of("", null, null, null).limit()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "1000", "99999999999999999999", "many", "2.5", "1e2"})
    void aLimitOutsideOneToAHundredIsRefusedNotClamped(String limit) {
        assertThatThrownBy(() -> Paging.of(limit, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.code()).isEqualTo("invalid_limit");
                    assertThat(refusal.getMessage()).isEqualTo("limit must be a whole number from 1 to 100");
                });
    }

    @Test
    void aWaitOutOfRangeIsRefusedUnderTheNameTheCallerUsed() {
        assertThat(Paging.of(null, null, "5", "30", "timeoutSeconds").waitFor()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Paging.of(null, null, "5", "99"))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("invalid_wait");
                    assertThat(refusal.getMessage()).isEqualTo("wait must be a whole number of seconds from 1 to 30");
                });
        assertThatThrownBy(() -> Paging.of(null, null, "5", "99", "timeoutSeconds"))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("invalid_wait");
                    assertThat(refusal.getMessage()).isEqualTo("timeoutSeconds must be a whole number of seconds from 1 to 30");
                });
    }
}
