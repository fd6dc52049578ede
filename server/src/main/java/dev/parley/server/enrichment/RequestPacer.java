package dev.parley.server.enrichment;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Holds the requests to one service (or one host) so that at most {@code permits} go on the wire in any window of
 * {@code window} = {@code permits / perSecond} seconds plus a margin. Sends are spaced {@code window / permits}
 * apart, so the service sees an even stream rather than bursts; slots missed because a timer fired late or no
 * request was ready are caught up at twice the rate; and a log of the last {@code permits} send instants refuses
 * any send that would put {@code permits + 1} in one window, however late a timer fired.
 *
 * <p>The check is made on the connection's event loop immediately before the request is written, in the same task
 * (see {@link #pace}). Deciding on a timer thread and writing later on the event loop would let a busy or
 * descheduled event loop delay one request and not the next, and the service would count more than the limit in
 * its own window. What is left between our send and the service's clock is network jitter: the margin.
 */
public final class RequestPacer {

    private final long[] sends;
    private final long windowNanos;
    private final long spacingNanos;
    private int oldest;
    private long nextSlot;

    public RequestPacer(double perSecond, Duration margin) {
        int permits = (int) Math.max(1, Math.floor(perSecond));
        this.windowNanos = (long) (permits / perSecond * 1e9) + margin.toNanos();
        this.spacingNanos = windowNanos / permits;
        this.sends = new long[permits];
        long now = System.nanoTime();
        Arrays.fill(sends, now - windowNanos);
        this.nextSlot = now - 2 * windowNanos;
    }

    /** Sends allowed in one {@link #window()}. */
    public int permits() {
        return sends.length;
    }

    /** The sliding window: {@code permits / perSecond} seconds plus the margin. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /** The time between two sends when requests queue up: {@code 1 / perSecond} widened by the margin. */
    public Duration spacing() {
        return Duration.ofNanos(spacingNanos);
    }

    /**
     * {@code body}, written only when this pacer allows a send. Connecting happens before (the inserter runs once
     * a connection is acquired), so connection set-up cannot bunch requests; {@code onRelease} runs at the send.
     */
    public <T> BodyInserter<T, ClientHttpRequest> pace(
            BodyInserter<T, ? super ClientHttpRequest> body, Runnable onRelease) {
        return (request, context) -> {
            EventLoop loop = request.getNativeRequest() instanceof Connection connection
                    ? connection.channel().eventLoop()
                    : null;
            return turn(loop).then(Mono.defer(() -> {
                onRelease.run();
                return body.insert(request, context);
            }));
        };
    }

    private Mono<Void> turn(@Nullable EventLoop loop) {
        return Mono.defer(() -> {
            long wait = tryAcquire();
            return wait == 0 ? Mono.empty() : sleep(loop, wait).then(turn(loop));
        });
    }

    /** Completes on {@code loop} after {@code nanos}, so the next check and the write share one task there. */
    private static Mono<Void> sleep(@Nullable EventLoop loop, long nanos) {
        if (loop == null) {
            return Mono.delay(Duration.ofNanos(nanos)).then();
        }
        return Mono.create(sink -> {
            ScheduledFuture<?> timer = loop.schedule(() -> sink.success(), nanos, TimeUnit.NANOSECONDS);
            sink.onCancel(() -> timer.cancel(false));
        });
    }

    /** The clock is read under the lock, so the log of send instants stays in order across event loops. */
    private synchronized long tryAcquire() {
        return tryAcquire(System.nanoTime());
    }

    /** 0 when a send may happen at {@code now} (and records it), else how long to wait before asking again. */
    synchronized long tryAcquire(long now) {
        long windowFreesAt = sends[oldest] + windowNanos;
        long allowedAt = windowFreesAt - nextSlot > 0 ? windowFreesAt : nextSlot;
        if (now - allowedAt < 0) {
            return allowedAt - now;
        }
        sends[oldest] = now;
        oldest = (oldest + 1) % sends.length;
        if (now - nextSlot > windowNanos) {
            nextSlot = now + spacingNanos; // idle for a whole window: a new schedule starts here
        } else {
            // after a late timer or a caller that was not ready, stay on the schedule and catch up (the log still
            // caps every window), but never send closer than half a spacing to this send
            long onSchedule = nextSlot + spacingNanos;
            long earliest = now + spacingNanos / 2;
            nextSlot = onSchedule - earliest > 0 ? onSchedule : earliest;
        }
        return 0;
    }
}
