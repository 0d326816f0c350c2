package ai.chatr.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.RateLimited;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MovableClock clock = new MovableClock();
    private final RateLimiter limiter = new RateLimiter(clock);
    private final Limit threePerMinute = new Limit(3, Duration.ofMinutes(1), "rate_limited", "slow down");

    @Test
    void theRequestLearnsWhatIsLeftOfEachLimitItMet() {
        Quotas quotas = limiter.track();
        limiter.acquire("messages:agent-1", threePerMinute);
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire("messages:agent-1", threePerMinute);
        limiter.show("requests:10.0.0.1", new Limit(120, Duration.ofMinutes(1), "rate_limited", "slow down"));
        assertThat(Quotas.policies(quotas.met())).isEqualTo("\"messages\";q=3;w=60, \"requests\";q=120;w=60");
        assertThat(Quotas.standing(quotas.met())).as("the oldest permit frees up in 50 s; nothing was taken of the other")
                .isEqualTo("\"messages\";r=1;t=50, \"requests\";r=120;t=0");

        limiter.acquire("messages:agent-1", threePerMinute);
        clock.advance(Duration.ofMillis(20_500));
        assertThatThrownBy(() -> limiter.acquire("messages:agent-1", threePerMinute)).isInstanceOf(RateLimited.class);
        assertThat(Quotas.standing(quotas.met())).as("refused: none left, and whole seconds rounded up")
                .isEqualTo("\"requests\";r=120;t=0, \"messages\";r=0;t=30");
        limiter.show("messages:agent-1", threePerMinute);
        assertThat(Quotas.standing(quotas.met())).endsWith("\"messages\";r=0;t=30");
        assertThat(Quotas.names(quotas.met(), "\"messages\";q=3;w=60")).isTrue();
        assertThat(Quotas.names(quotas.met(), "\"channel-proposals\";q=3;w=86400")).as("a limit of a feature's own").isFalse();
    }

    @Test
    void allowsTheCountThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k", threePerMinute);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> limiter.acquire("k", threePerMinute))
                .isInstanceOfSatisfying(RateLimited.class, refused -> {
                    assertThat(refused.retryAfterSeconds()).isEqualTo(30);
                    assertThat(refused.code()).isEqualTo("rate_limited");
                    assertThat(refused.getMessage()).isEqualTo("slow down");
                    assertThat(refused.limit()).isEqualTo(3);
                });
    }

    @Test
    void theWindowSlides() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k", threePerMinute);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> limiter.acquire("k", threePerMinute)).isInstanceOf(RateLimited.class);
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire("k", threePerMinute);
    }

    @Test
    void aRefusedAttemptDoesNotCount() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k", threePerMinute);
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limiter.acquire("k", threePerMinute)).isInstanceOf(RateLimited.class);
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k", threePerMinute);
        }
    }

    @Test
    void aRefundGivesThePermitBack() {
        limiter.acquire("k", threePerMinute);
        limiter.acquire("k", threePerMinute);
        RateLimiter.Permit third = limiter.acquire("k", threePerMinute);
        limiter.refund(third);
        limiter.acquire("k", threePerMinute);
        assertThatThrownBy(() -> limiter.acquire("k", threePerMinute)).isInstanceOf(RateLimited.class);
    }

    @Test
    void keysAreIndependentAndIdleOnesAreForgotten() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a", threePerMinute);
        }
        limiter.acquire("b", threePerMinute);
        assertThat(limiter.trackedKeys()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        limiter.sweep(clock.millis());
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        Limit onePerSecond = new Limit(1, Duration.ofMillis(300), "rate_limited", "wait");
        limiter.acquire("k", onePerSecond);
        assertThatThrownBy(() -> limiter.acquire("k", onePerSecond))
                .isInstanceOfSatisfying(RateLimited.class, refused -> assertThat(refused.retryAfterSeconds()).isEqualTo(1));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
