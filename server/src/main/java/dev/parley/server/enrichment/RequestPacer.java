package dev.parley.server.enrichment;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Holds the requests to one service (or one host) so that at most {@code permits} go on the wire in any window of
 * {@code window} = {@code permits / perSecond} seconds plus a margin. Sends are spaced {@code window / permits}
 * apart, so the service sees an even stream rather than bursts; slots missed because a timer fired late or no
 * request was ready are caught up at twice the rate; and a log of the last {@code permits} sends refuses any send
 * that would put {@code permits + 1} in one window, however late a timer fired.
 *
 * <p>The check is made on the connection's event loop immediately before the request is written, in the same task
 * (see {@link #pace}), and the log keeps each send at the instant its write <em>completed</em>, holding its place
 * while the write is under way. A thread pre-empted between the check and the write (tens of milliseconds on a
 * loaded machine, more than the margin) therefore cannot let the next window open early: a window is measured from
 * bytes that left, not from decisions. What is left between our write and the service's clock is network jitter:
 * the margin.
 */
public final class RequestPacer {

    /** How often a caller looks again while every send of the window is still being written. */
    private static final long WRITING_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final int NO_ENTRY = -1;
    private static final int FINISHED = -2;

    private final long[] sends;
    private final boolean[] writing;
    private final long windowNanos;
    private final long spacingNanos;
    private long nextSlot;

    /** A send allowed, holding {@code entry} of the log until {@link #sent}, or ({@code entry} −1) the wait. */
    record Turn(int entry, long waitNanos) {

        static Turn granted(int entry) {
            return new Turn(entry, 0);
        }

        static Turn waitFor(long nanos) {
            return new Turn(-1, nanos);
        }

        boolean isGranted() {
            return entry >= 0;
        }
    }

    public RequestPacer(double perSecond, Duration margin) {
        int permits = (int) Math.max(1, Math.floor(perSecond));
        this.windowNanos = (long) (permits / perSecond * 1e9) + margin.toNanos();
        this.spacingNanos = windowNanos / permits;
        this.sends = new long[permits];
        this.writing = new boolean[permits];
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
     * The send is logged when the write completes, fails or is cancelled, whichever comes first.
     */
    public <T> BodyInserter<T, ClientHttpRequest> pace(
            BodyInserter<T, ? super ClientHttpRequest> body, Runnable onRelease) {
        return (request, context) -> {
            EventLoop loop = request.getNativeRequest() instanceof Connection connection
                    ? connection.channel().eventLoop()
                    : null;
            return Mono.defer(() -> {
                AtomicInteger entry = new AtomicInteger(NO_ENTRY);
                return turn(loop, entry)
                        .then(Mono.defer(() -> {
                            onRelease.run();
                            return body.insert(request, context);
                        }))
                        .doFinally(signal -> release(entry.getAndSet(FINISHED)));
            });
        };
    }

    /**
     * Completes when a send is granted, its log entry in {@code holder}. A cancel may race with the grant (a time
     * limit fires on another thread): whichever comes second releases the entry, so none stays held for good.
     */
    private Mono<Void> turn(@Nullable EventLoop loop, AtomicInteger holder) {
        return Mono.defer(() -> {
            Turn turn = tryAcquire();
            if (!turn.isGranted()) {
                return sleep(loop, turn.waitNanos()).then(turn(loop, holder));
            }
            if (!holder.compareAndSet(NO_ENTRY, turn.entry())) {
                sent(turn.entry(), System.nanoTime());
            }
            return Mono.empty();
        });
    }

    private void release(int entry) {
        if (entry >= 0) {
            sent(entry, System.nanoTime());
        }
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

    /** The clock is read under the lock, so no other decision falls between reading it and logging the send. */
    private synchronized Turn tryAcquire() {
        return tryAcquire(System.nanoTime());
    }

    /**
     * A send at {@code now} if the log allows it (its entry then holds its place until {@link #sent}), else how long
     * to wait before asking again.
     */
    synchronized Turn tryAcquire(long now) {
        // the entry that frees first: the earliest completed send (writes complete out of order across loops)
        int entry = -1;
        for (int i = 0; i < sends.length; i++) {
            if (!writing[i] && (entry < 0 || sends[i] - sends[entry] < 0)) {
                entry = i;
            }
        }
        if (entry < 0) {
            return Turn.waitFor(Math.min(spacingNanos, WRITING_POLL_NANOS));
        }
        long windowFreesAt = sends[entry] + windowNanos;
        long allowedAt = windowFreesAt - nextSlot > 0 ? windowFreesAt : nextSlot;
        if (now - allowedAt < 0) {
            return Turn.waitFor(allowedAt - now);
        }
        sends[entry] = now;
        writing[entry] = true;
        if (now - nextSlot > windowNanos) {
            nextSlot = now + spacingNanos; // idle for a whole window: a new schedule starts here
        } else {
            // after a late timer or a caller that was not ready, stay on the schedule and catch up (the log still
            // caps every window), but never send closer than half a spacing to this send
            long onSchedule = nextSlot + spacingNanos;
            long earliest = now + spacingNanos / 2;
            nextSlot = onSchedule - earliest > 0 ? onSchedule : earliest;
        }
        return Turn.granted(entry);
    }

    /**
     * The write of the send holding {@code entry} ended at {@code now}: the log keeps that instant, the later of
     * the decision and the write, so the window counts from what actually went out.
     */
    synchronized void sent(int entry, long now) {
        if (now - sends[entry] > 0) {
            sends[entry] = now;
        }
        writing[entry] = false;
    }
}
