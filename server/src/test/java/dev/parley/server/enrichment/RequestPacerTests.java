package dev.parley.server.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestPacerTests {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void tryAcquire_givenQueuedRequests_spacesThemEvenly() {
        var pacer = new RequestPacer(10, Duration.ofMillis(50));
        long t0 = System.nanoTime();

        assertThat(pacer.spacing()).isEqualTo(Duration.ofMillis(105));
        assertThat(pacer.tryAcquire(t0)).isZero();
        assertThat(pacer.tryAcquire(t0 + MS)).isEqualTo(104 * MS);
        assertThat(pacer.tryAcquire(t0 + 105 * MS)).isZero();
        assertThat(pacer.tryAcquire(t0 + 106 * MS)).isEqualTo(104 * MS);
    }

    @Test
    void tryAcquire_givenLateTimer_catchesUpWithoutSendingTwiceInHalfASpacing() {
        var pacer = new RequestPacer(10, Duration.ZERO);
        long t0 = System.nanoTime();

        assertThat(pacer.tryAcquire(t0)).isZero();
        // the timer for the slot at 100 ms fires 40 ms late: the next slot stays at 200 ms, not 240 ms
        assertThat(pacer.tryAcquire(t0 + 140 * MS)).isZero();
        assertThat(pacer.tryAcquire(t0 + 199 * MS)).isEqualTo(MS);
        assertThat(pacer.tryAcquire(t0 + 200 * MS)).isZero();
        // this one fires 80 ms late: 300 ms would be only 20 ms after it, so the next slot is half a spacing on
        assertThat(pacer.tryAcquire(t0 + 380 * MS)).isZero();
        assertThat(pacer.tryAcquire(t0 + 400 * MS)).isEqualTo(30 * MS);
        assertThat(pacer.tryAcquire(t0 + 430 * MS)).isZero();
    }

    @Test
    void tryAcquire_givenTimersFiringLateAtRandom_neverLetsMoreThanTheLimitIntoAnyWindow() {
        int perSecond = 50;
        var pacer = new RequestPacer(perSecond, Duration.ZERO);
        var random = new SplittableRandom(7);
        List<Long> sends = new ArrayList<>();
        long now = System.nanoTime();
        long end = now + 60 * SECOND;
        while (now - end < 0) {
            long wait = pacer.tryAcquire(now);
            if (wait == 0) {
                sends.add(now);
            }
            // a timer fires up to 3 spacings late, a quarter of them on time; the next caller comes soon after
            now += wait == 0
                    ? random.nextLong(1, 5 * MS)
                    : wait + (random.nextInt(4) == 0 ? 0 : random.nextLong(60 * MS));
        }

        int most = 0;
        for (int first = 0, last = 0; last < sends.size(); last++) {
            while (sends.get(last) - sends.get(first) >= SECOND) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertThat(most).isLessThanOrEqualTo(perSecond);
        assertThat(sends.size() / 60.0).as("sends per second").isGreaterThan(0.5 * perSecond);
    }

    @Test
    void tryAcquire_givenFractionalRate_spreadsOnePermitOverTheLongerWindow() {
        var pacer = new RequestPacer(0.5, Duration.ZERO);
        long t0 = System.nanoTime();

        assertThat(pacer.tryAcquire(t0)).isZero();
        assertThat(pacer.tryAcquire(t0 + SECOND)).isEqualTo(SECOND);
        assertThat(pacer.tryAcquire(t0 + 2 * SECOND)).isZero();
    }
}
