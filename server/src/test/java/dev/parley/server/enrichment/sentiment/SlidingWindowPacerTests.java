package dev.parley.server.enrichment.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowPacerTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tryAcquire_givenPermitsUsedUp_waitsUntilTheOldestLeavesTheWindow() {
        var pacer = new SlidingWindowPacer(2, Duration.ofMillis(50));
        long t0 = System.nanoTime();

        assertThat(pacer.tryAcquire(t0)).isZero();
        assertThat(pacer.tryAcquire(t0 + 10)).isZero();
        assertThat(pacer.tryAcquire(t0 + 20)).isEqualTo(SECOND + 50_000_000L - 20);
        assertThat(pacer.tryAcquire(t0 + SECOND + 50_000_000L)).isZero();
        assertThat(pacer.tryAcquire(t0 + SECOND + 50_000_001L)).isPositive();
    }

    @Test
    void tryAcquire_givenFractionalRate_spreadsOnePermitOverTheLongerWindow() {
        var pacer = new SlidingWindowPacer(0.5, Duration.ZERO);
        long t0 = System.nanoTime();

        assertThat(pacer.tryAcquire(t0)).isZero();
        assertThat(pacer.tryAcquire(t0 + SECOND)).isEqualTo(SECOND);
        assertThat(pacer.tryAcquire(t0 + 2 * SECOND)).isZero();
    }
}
