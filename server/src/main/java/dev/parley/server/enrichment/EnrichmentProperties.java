package dev.parley.server.enrichment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Enrichment settings ({@code parley.enrichment.*}).
 *
 * @param enabled whether this instance runs the parley-enrich consumer and the link-preview worker
 * @param consumer batching, retries and dead-lettering of {@code parley.messages.v1}
 * @param sentiment which analyzer scores messages, and how the remote one is called
 * @param links link previews: limits, timeouts and the SSRF guard
 */
@Validated
@ConfigurationProperties("parley.enrichment")
public record EnrichmentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid Sentiment sentiment,
        @DefaultValue @Valid Links links) {

    /**
     * The parley-enrich consumer.
     *
     * @param group consumer group (without the topic prefix)
     * @param batchSize records per batch at most; a batch is also closed after {@code batchTimeout}
     * @param batchTimeout how long a partial batch waits for more records
     * @param maxAttempts attempts to score a message that fails on its own before it goes to the DLT
     * @param retryBackoff first wait before retrying; doubles per attempt (messages and whole batches)
     * @param maxRetryBackoff the longest wait between retries of a batch while a dependency is down
     */
    public record Consumer(
            @DefaultValue("parley-enrich") @NotBlank String group,
            @DefaultValue("256") @Min(1) int batchSize,
            @DefaultValue("200ms") @NotNull Duration batchTimeout,
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration retryBackoff,
            @DefaultValue("30s") @NotNull Duration maxRetryBackoff) {}

    /** Which sentiment analyzer runs. */
    public enum Mode {
        /** In-process VADER for English; other languages unscored. The offline default. */
        BUILTIN,
        /** Hugging Face text-embeddings-inference {@code /predict} of a sequence-classification model. */
        TEI,
        /** Parley's generic JSON batch protocol (docs/operations.md). */
        GENERIC
    }

    /**
     * Sentiment.
     *
     * @param mode the analyzer
     * @param remote the remote analyzer (modes TEI and GENERIC)
     * @param cacheSize results kept in the cache in front of the remote analyzer, by hash of normalized text
     * @param cacheTtl how long a cached result stays
     */
    public record Sentiment(
            @DefaultValue("BUILTIN") @NotNull Mode mode,
            @DefaultValue @Valid Remote remote,
            @DefaultValue("100000") @Min(0) long cacheSize,
            @DefaultValue("24h") @NotNull Duration cacheTtl) {}

    /**
     * The remote sentiment service. Every batch call passes rate limiter, bulkhead, time limiter, circuit breaker
     * and one retry layer, in that order from the inside out (docs/operations.md).
     *
     * @param url base URL ({@code /predict} and {@code /info} for TEI; {@code /v1/sentiment} for GENERIC)
     * @param model model name stored with scores when the service does not name one
     * @param requestsPerSecond calls per second, never exceeded in any sliding second (retries included)
     * @param rateMargin added to each one-second window to absorb network jitter between our send and the
     *     service's clock, so it never counts more than {@code requestsPerSecond} even when requests reach it
     *     unevenly; the sustained rate is {@code requestsPerSecond / (1 s + rateMargin)}
     * @param maxBatchSize texts per call; TEI's {@code max_client_batch_size} from {@code /info} lowers it
     * @param maxConcurrentCalls calls in flight at once (bulkhead)
     * @param connectTimeout TCP connect timeout
     * @param callTimeout time limit of one call attempt
     * @param retryAttempts attempts per call, the first included
     * @param retryInitialBackoff first backoff; doubles per attempt, with ±50% jitter
     * @param maxRetryAfter a {@code Retry-After} longer than this fails the call instead of waiting
     * @param breakerFailureRate failure percentage that opens the circuit
     * @param breakerWindow calls in the breaker's sliding window (and the minimum before it judges)
     * @param breakerOpenFor how long the circuit stays open before letting trial calls through
     */
    public record Remote(
            @Nullable URI url,
            @DefaultValue("remote") @NotBlank String model,
            @DefaultValue("10") @DecimalMin("0.1") double requestsPerSecond,
            @DefaultValue("20ms") @NotNull Duration rateMargin,
            @DefaultValue("32") @Min(1) int maxBatchSize,
            @DefaultValue("4") @Min(1) int maxConcurrentCalls,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("5s") @NotNull Duration callTimeout,
            @DefaultValue("4") @Min(1) int retryAttempts,
            @DefaultValue("200ms") @NotNull Duration retryInitialBackoff,
            @DefaultValue("60s") @NotNull Duration maxRetryAfter,

            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float breakerFailureRate,

            @DefaultValue("10") @Min(1) int breakerWindow,
            @DefaultValue("10s") @NotNull Duration breakerOpenFor) {}

    /**
     * Link previews.
     *
     * @param enabled whether URLs are extracted and previews fetched
     * @param perHostRequestsPerSecond fetches per second to one host, never exceeded in any sliding second
     * @param perHostMargin added to each host's one-second window for network jitter, as {@code rate-margin}
     * @param maxConcurrent fetches in flight at once, over all hosts
     * @param connectTimeout TCP connect timeout
     * @param readTimeout time limit of a whole fetch (all redirects, the body included)
     * @param maxBytes body bytes read at most; a longer page is cut, its head is enough for previews
     * @param maxRedirects redirect hops followed, each one checked like the first URL
     * @param allowedAddresses hosts or literal addresses exempt from the private-address check (tests only)
     * @param sweepInterval how often the worker looks for pending URLs
     * @param sweepBatch pending URLs claimed per sweep
     * @param userAgent User-Agent header of fetches
     */
    public record Links(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") @DecimalMin("0.01") double perHostRequestsPerSecond,
            @DefaultValue("50ms") @NotNull Duration perHostMargin,
            @DefaultValue("8") @Min(1) int maxConcurrent,
            @DefaultValue("3s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration readTimeout,
            @DefaultValue("512KB") @NotNull DataSize maxBytes,
            @DefaultValue("3") @Min(0) int maxRedirects,
            @DefaultValue List<String> allowedAddresses,
            @DefaultValue("1s") @NotNull Duration sweepInterval,
            @DefaultValue("32") @Min(1) int sweepBatch,

            @DefaultValue("ParleyBot/0.1 (+link previews)") @NotBlank
            String userAgent) {}
}
