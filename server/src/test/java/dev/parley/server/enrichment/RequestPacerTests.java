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
        assertThat(send(pacer, t0)).isZero();
        assertThat(send(pacer, t0 + MS)).isEqualTo(104 * MS);
        assertThat(send(pacer, t0 + 105 * MS)).isZero();
        assertThat(send(pacer, t0 + 106 * MS)).isEqualTo(104 * MS);
    }

    @Test
    void tryAcquire_givenBurstOfReadyRequests_sendsEachOnItsSlot() {
        var pacer = new RequestPacer(10, Duration.ofMillis(250));
        long t0 = System.nanoTime();
        long now = t0;
        List<Long> sent = new ArrayList<>();
        while (sent.size() < 25) {
            long wait = send(pacer, now);
            if (wait == 0) {
                sent.add(now);
            }
            now += wait; // every timer on time, every request ready
        }

        assertThat(sent.getLast() - t0).isEqualTo(24 * 125 * MS);
        assertThat(mostInOneSecond(sent)).isEqualTo(8);
    }

    @Test
    void tryAcquire_givenLateTimer_catchesUpWithoutSendingTwiceInHalfASpacing() {
        var pacer = new RequestPacer(10, Duration.ZERO);
        long t0 = System.nanoTime();

        assertThat(send(pacer, t0)).isZero();
        // the timer for the slot at 100 ms fires 40 ms late: the next slot stays at 200 ms, not 240 ms
        assertThat(send(pacer, t0 + 140 * MS)).isZero();
        assertThat(send(pacer, t0 + 199 * MS)).isEqualTo(MS);
        assertThat(send(pacer, t0 + 200 * MS)).isZero();
        // this one fires 80 ms late: 300 ms would be only 20 ms after it, so the next slot is half a spacing on
        assertThat(send(pacer, t0 + 380 * MS)).isZero();
        assertThat(send(pacer, t0 + 400 * MS)).isEqualTo(30 * MS);
        assertThat(send(pacer, t0 + 430 * MS)).isZero();
    }

    @Test
    void tryAcquire_givenTimersFiringLateAndWritesPreemptedAtRandom_neverLetsMoreThanTheLimitOut() {
        int perSecond = 50;
        var pacer = new RequestPacer(perSecond, Duration.ZERO);
        var random = new SplittableRandom(7);
        List<Long> written = new ArrayList<>();
        long now = System.nanoTime();
        long end = now + 60 * SECOND;
        while (now - end < 0) {
            RequestPacer.Turn turn = pacer.tryAcquire(now);
            if (turn.isGranted()) {
                // a fifth of the writes are pre-empted after the decision, for up to 10 spacings (far over any margin)
                long wroteAt = now + (random.nextInt(5) == 0 ? random.nextLong(200 * MS) : 0);
                pacer.sent(turn.entry(), wroteAt);
                written.add(wroteAt);
            }
            // half the timers fire on time, the others up to 1.5 spacings late; the next caller comes soon after
            now += turn.isGranted()
                    ? random.nextLong(1, 5 * MS)
                    : turn.waitNanos() + (random.nextInt(2) == 0 ? 0 : random.nextLong(30 * MS));
        }

        assertThat(mostInOneSecond(written)).isLessThanOrEqualTo(perSecond);
        assertThat(written.size() / 60.0).as("sends per second").isGreaterThan(0.5 * perSecond);
    }

    @Test
    void sent_givenWriteCompletingAfterThePreemptedThread_countsTheWindowFromTheWrite() {
        var pacer = new RequestPacer(2, Duration.ZERO);
        long t0 = System.nanoTime();

        RequestPacer.Turn first = pacer.tryAcquire(t0);
        assertThat(first.isGranted()).isTrue();
        assertThat(send(pacer, t0 + 500 * MS)).isZero();
        // the first request's thread was pre-empted: its bytes left 300 ms after the decision
        pacer.sent(first.entry(), t0 + 300 * MS);

        // a third send in the window [decision, decision + 1 s) of the first would be 1 s after it, but only 700 ms
        // after its bytes: it waits for 1 s after the write
        assertThat(pacer.tryAcquire(t0 + SECOND).waitNanos()).isEqualTo(300 * MS);
        assertThat(send(pacer, t0 + 1300 * MS)).isZero();
    }

    @Test
    void tryAcquire_givenWriteStillUnderWay_holdsItsPlaceInTheWindow() {
        var pacer = new RequestPacer(1, Duration.ZERO);
        long t0 = System.nanoTime();

        RequestPacer.Turn first = pacer.tryAcquire(t0);
        assertThat(first.isGranted()).isTrue();
        RequestPacer.Turn meanwhile = pacer.tryAcquire(t0 + 5 * SECOND);
        assertThat(meanwhile.isGranted()).isFalse();
        assertThat(meanwhile.waitNanos()).isPositive().isLessThanOrEqualTo(5 * MS);

        pacer.sent(first.entry(), t0 + 5 * SECOND);
        assertThat(send(pacer, t0 + 5 * SECOND)).isEqualTo(SECOND);
        assertThat(send(pacer, t0 + 6 * SECOND)).isZero();
    }

    @Test
    void tryAcquire_givenFractionalRate_spreadsOnePermitOverTheLongerWindow() {
        var pacer = new RequestPacer(0.5, Duration.ZERO);
        long t0 = System.nanoTime();

        assertThat(send(pacer, t0)).isZero();
        assertThat(send(pacer, t0 + SECOND)).isEqualTo(SECOND);
        assertThat(send(pacer, t0 + 2 * SECOND)).isZero();
    }

    /** Asks for a send at {@code now} whose write completes at once: 0 when sent, else the wait. */
    private static long send(RequestPacer pacer, long now) {
        RequestPacer.Turn turn = pacer.tryAcquire(now);
        if (turn.isGranted()) {
            pacer.sent(turn.entry(), now);
        }
        return turn.waitNanos();
    }

    private static int mostInOneSecond(List<Long> instants) {
        List<Long> sorted = instants.stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (sorted.get(last) - sorted.get(first) >= SECOND) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
