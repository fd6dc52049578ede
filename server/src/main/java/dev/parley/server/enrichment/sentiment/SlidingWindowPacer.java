package dev.parley.server.enrichment.sentiment;

import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Lets at most {@code permits} sends happen in any sliding window of {@code window}, checked at the moment of
 * sending. The rate limiter hands out permits when they are reserved, and reserved permits can fire together when
 * timers run late on a busy machine; this check keeps the service from ever seeing more than its limit, also when
 * it counts in sliding windows. The window is widened by a margin for the jitter between our send and the
 * service's clock ({@code rate-margin}, 50 ms by default: sustained throughput R / 1.05 calls per second).
 */
final class SlidingWindowPacer {

    private final long[] sends;
    private final long windowNanos;
    private int next;

    SlidingWindowPacer(double perSecond, Duration margin) {
        int permits = (int) Math.max(1, Math.floor(perSecond));
        this.sends = new long[permits];
        this.windowNanos = (long) (permits / perSecond * 1_000_000_000L) + margin.toNanos();
        long past = System.nanoTime() - windowNanos;
        java.util.Arrays.fill(sends, past);
    }

    /** Subscribes to {@code call} once a send is allowed. */
    <T> Mono<T> pace(Supplier<Mono<T>> call) {
        return Mono.defer(() -> {
            long wait = tryAcquire(System.nanoTime());
            return wait == 0
                    ? call.get()
                    : Mono.delay(Duration.ofNanos(Math.max(wait, 500_000))).then(pace(call));
        });
    }

    /** 0 when a send may happen now (and records it), else how long to wait before asking again. */
    synchronized long tryAcquire(long now) {
        long oldest = sends[next];
        long allowedAt = oldest + windowNanos;
        if (now - allowedAt >= 0) {
            sends[next] = now;
            next = (next + 1) % sends.length;
            return 0;
        }
        return allowedAt - now;
    }
}
