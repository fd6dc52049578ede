package dev.parley.server.enrichment.sentiment;

import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.enrichment.RequestPacer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The resilience of each remote call, applied per call with {@code transformDeferred}, from the inside out:
 * TimeLimiter (one attempt), Bulkhead (calls in flight), RateLimiter (admits calls at the paced rate, so retries
 * count too), CircuitBreaker (server failures and timeouts open it), and one Retry (exponential backoff with jitter, or the
 * server's {@code Retry-After} on 429/503, which also holds back every other call until it has passed). Other 4xx
 * and an open circuit are not retried here: the caller decides.
 *
 * <p>The RateLimiter hands out permits per refresh cycle, so two permits can fall microseconds apart across a cycle
 * boundary, and a permit is taken before connecting; it keeps waiting calls out of the bulkhead. The guarantee that
 * the service never sees more than {@code requests-per-second} in any second is the {@link RequestPacer}'s, which
 * releases each request onto the wire (see {@link Gate}).
 */
final class RemoteResilience {

    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Duration initialBackoff;
    private final Duration maxRetryAfter;
    private final AtomicLong notBeforeNanos = new AtomicLong(System.nanoTime());
    private final RequestPacer pacer;
    private final Timer rateLimiterWait;
    private final Counter retries;

    RemoteResilience(String name, EnrichmentProperties.Remote settings, MeterRegistry registry) {
        this.initialBackoff = settings.retryInitialBackoff();
        this.maxRetryAfter = settings.maxRetryAfter();
        this.pacer = new RequestPacer(settings.requestsPerSecond(), settings.rateMargin());
        // the pacer's rate, in cycles of its window: a caller that missed its slot can catch up, and the pacer
        // spreads the catching up; a permit per slot instead would lose every slot that no caller was ready for
        this.rateLimiter = RateLimiter.of(
                name,
                RateLimiterConfig.custom()
                        .limitForPeriod(pacer.permits())
                        .limitRefreshPeriod(pacer.window())
                        .timeoutDuration(Duration.ofSeconds(30))
                        .build());
        this.bulkhead = Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        this.timeLimiter = TimeLimiter.of(
                name,
                TimeLimiterConfig.custom()
                        // an attempt may wait for a send slot for each call in flight before its request goes out
                        .timeoutDuration(settings.callTimeout()
                                .plus(pacer.spacing().multipliedBy(settings.maxConcurrentCalls())))
                        .cancelRunningFuture(true)
                        .build());
        this.circuitBreaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.breakerWindow())
                        .minimumNumberOfCalls(settings.breakerWindow())
                        .failureRateThreshold(settings.breakerFailureRate())
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(2)
                        // a trial call that never reports back must not hold the circuit half-open for good
                        .maxWaitDurationInHalfOpenState(
                                settings.callTimeout().multipliedBy(2).plus(settings.breakerOpenFor()))
                        .recordException(RemoteResilience::serverFailure)
                        .build());
        this.retry = Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(settings.retryAttempts())
                        .retryOnException(this::retryable)
                        .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) ->
                                outcome.isLeft() ? waitMillis(attempt, outcome.getLeft()) : backoffMillis(attempt))
                        .build());
        this.rateLimiterWait = Timer.builder("parley.enrichment.remote.ratelimiter.wait")
                .description("Time a remote sentiment call waited for the rate limiter (and a Retry-After pause)")
                .register(registry);
        this.retries = Counter.builder("parley.enrichment.remote.retries")
                .description("Retried remote sentiment calls")
                .register(registry);
        Gauge.builder("parley.enrichment.remote.breaker.state", circuitBreaker, breaker -> switch (breaker.getState()) {
                    case CLOSED -> 0;
                    case HALF_OPEN -> 1;
                    default -> 2;
                })
                .description("Circuit breaker of the remote sentiment service: 0 closed, 1 half-open, 2 open")
                .register(registry);
        circuitBreaker
                .getEventPublisher()
                .onStateTransition(event -> Counter.builder("parley.enrichment.remote.breaker.transitions")
                        .tag("from", event.getStateTransition().getFromState().name())
                        .tag("to", event.getStateTransition().getToState().name())
                        .description("State transitions of the remote sentiment circuit breaker")
                        .register(registry)
                        .increment());
        retry.getEventPublisher().onRetry(event -> retries.increment());
    }

    /**
     * Writes a request (its body inserter) once the pacer allows a send, on the connection's event loop. Gating
     * the write rather than the call lets the HTTP client acquire and connect first, so the pacing instant is the
     * instant the request goes on the wire: connection set-up latency cannot bunch requests at the service.
     */
    interface Gate {
        <B> BodyInserter<B, ClientHttpRequest> release(BodyInserter<B, ? super ClientHttpRequest> body);
    }

    /** {@code call} with the whole policy; {@code call} is invoked once per attempt. */
    <T> Mono<T> call(Function<Gate, Mono<T>> call) {
        Mono<T> attempt = Mono.defer(() -> {
                    long waitingSince = System.nanoTime();
                    Gate gate = new Gate() {
                        @Override
                        public <B> BodyInserter<B, ClientHttpRequest> release(
                                BodyInserter<B, ? super ClientHttpRequest> body) {
                            return pacer.pace(
                                    body,
                                    () -> rateLimiterWait.record(Duration.ofNanos(System.nanoTime() - waitingSince)));
                        }
                    };
                    return call.apply(gate);
                })
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(RateLimiterOperator.of(rateLimiter));
        return Mono.defer(() -> {
                    long pause = notBeforeNanos.get() - System.nanoTime();
                    return pause > 0 ? Mono.delay(Duration.ofNanos(pause)).then(attempt) : attempt;
                })
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .doOnError(RemoteStatusException.class, this::holdBack)
                .transformDeferred(RetryOperator.of(retry));
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** A Retry-After holds back all calls, not only the retry of the one that got it. */
    private void holdBack(RemoteStatusException e) {
        Duration retryAfter = e.retryAfter();
        if (retryAfter != null && retryAfter.compareTo(maxRetryAfter) <= 0) {
            long until = System.nanoTime() + retryAfter.toNanos();
            notBeforeNanos.accumulateAndGet(until, Math::max);
        }
    }

    private boolean retryable(Throwable e) {
        if (e instanceof RemoteStatusException status) {
            return status.retryable()
                    && (status.retryAfter() == null || status.retryAfter().compareTo(maxRetryAfter) <= 0);
        }
        return e instanceof TimeoutException
                || e instanceof WebClientRequestException
                || e instanceof IOException
                || e instanceof BulkheadFullException
                || e instanceof RequestNotPermitted;
    }

    private static boolean serverFailure(Throwable e) {
        if (e instanceof RemoteStatusException status) {
            return status.serverFailure();
        }
        return e instanceof TimeoutException || e instanceof WebClientRequestException || e instanceof IOException;
    }

    private long waitMillis(int attempt, Throwable e) {
        if (e instanceof RemoteStatusException status && status.retryAfter() != null) {
            return Math.max(1, status.retryAfter().toMillis());
        }
        return backoffMillis(attempt);
    }

    /** Exponential backoff with ±50% jitter, so retrying clients do not march in step. */
    private long backoffMillis(int attempt) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        return Math.max(1, (long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
    }
}
