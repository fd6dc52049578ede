package dev.parley.server.enrichment.sentiment;

import dev.parley.server.enrichment.EnrichmentProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/**
 * Scores texts with a remote inference service, in batches of at most {@code maxBatchSize} texts (for TEI also at
 * most {@code max_client_batch_size} from {@code /info}). Every call goes through {@link RemoteResilience}. A
 * batch the service refuses with a non-retryable 4xx comes back as {@link SentimentResult.Failed} for each of its
 * texts, so the consumer retries them one by one and dead-letters only the one that is really bad.
 */
public final class RemoteSentimentAnalyzer implements SentimentAnalyzer {

    private final WebClient client;
    private final SentimentProtocol protocol;
    private final RemoteResilience resilience;
    private final EnrichmentProperties.Remote settings;
    private final String mode;
    private final Mono<Info> info;

    private record Info(String model, int maxBatchSize) {}

    private record ChunkOutcome(
            List<SentimentResult> results, @Nullable Throwable error) {
        static ChunkOutcome ok(List<SentimentResult> results) {
            return new ChunkOutcome(results, null);
        }

        static ChunkOutcome failed(Throwable error) {
            return new ChunkOutcome(List.of(), error);
        }
    }

    private RemoteSentimentAnalyzer(
            SentimentProtocol protocol, String mode, EnrichmentProperties.Remote settings, MeterRegistry registry) {
        URI url = Objects.requireNonNull(settings.url(), "parley.enrichment.sentiment.remote.url is required");
        this.protocol = protocol;
        this.mode = mode;
        this.settings = settings;
        this.resilience = new RemoteResilience("sentiment-" + mode, settings, registry);
        HttpClient http = HttpClient.create(ConnectionProvider.builder("parley-sentiment")
                        .maxConnections(settings.maxConcurrentCalls() * 2)
                        .pendingAcquireMaxCount(256)
                        .build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis());
        this.client = WebClient.builder()
                .baseUrl(url.toString().replaceAll("/+$", ""))
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        this.info = protocol instanceof SentimentProtocol.Tei
                ? resilience
                        .call(this::fetchInfo)
                        .cache(value -> Duration.ofHours(1), error -> Duration.ZERO, () -> Duration.ZERO)
                : Mono.just(new Info(settings.model(), settings.maxBatchSize()));
    }

    /** Hugging Face text-embeddings-inference ({@code /predict}, {@code /info}). */
    public static RemoteSentimentAnalyzer tei(EnrichmentProperties.Remote settings, MeterRegistry registry) {
        return new RemoteSentimentAnalyzer(new SentimentProtocol.Tei(), "tei", settings, registry);
    }

    /** Parley's generic JSON batch protocol. */
    public static RemoteSentimentAnalyzer generic(EnrichmentProperties.Remote settings, MeterRegistry registry) {
        return new RemoteSentimentAnalyzer(new SentimentProtocol.Generic(), "generic", settings, registry);
    }

    @Override
    public Mono<List<SentimentResult>> analyze(List<String> texts) {
        if (texts.isEmpty()) {
            return Mono.just(List.of());
        }
        return info.flatMap(service -> {
            int size = Math.max(1, Math.min(settings.maxBatchSize(), service.maxBatchSize()));
            List<List<String>> chunks = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += size) {
                chunks.add(texts.subList(from, Math.min(texts.size(), from + size)));
            }
            // A failing chunk must not cancel its siblings: a cancelled trial call of a half-open circuit breaker
            // would keep its permit, so every chunk runs to its end and the first error is reported afterwards.
            return Flux.fromIterable(chunks)
                    .flatMapSequential(
                            chunk -> call(chunk, service.model())
                                    .map(ChunkOutcome::ok)
                                    .onErrorResume(e -> Mono.just(ChunkOutcome.failed(e))),
                            settings.maxConcurrentCalls())
                    .collectList()
                    .flatMap(parts -> {
                        List<SentimentResult> all = new ArrayList<>(texts.size());
                        for (ChunkOutcome part : parts) {
                            if (part.error() != null) {
                                return Mono.error(part.error());
                            }
                            all.addAll(part.results());
                        }
                        return Mono.just(all);
                    });
        });
    }

    private Mono<List<SentimentResult>> call(List<String> chunk, String model) {
        byte[] body = protocol.request(chunk);
        return resilience
                .call(gate -> client.post()
                        .uri(protocol.path())
                        .contentType(MediaType.APPLICATION_JSON)
                        .contentLength(body.length)
                        .body(gate.release(BodyInserters.fromValue(body)))
                        .exchangeToMono(response ->
                                bodyOrError(response).map(bytes -> protocol.response(bytes, chunk.size(), model))))
                .onErrorResume(
                        RemoteStatusException.class,
                        e -> e.retryable() ? Mono.error(e) : Mono.just(failedAll(chunk.size(), "HTTP " + e.status())))
                .onErrorResume(IllegalStateException.class, e -> Mono.just(failedAll(chunk.size(), e.getMessage())));
    }

    private Mono<Info> fetchInfo(RemoteResilience.Gate gate) {
        return client.method(HttpMethod.GET)
                .uri("/info")
                .body(gate.release(BodyInserters.empty()))
                .exchangeToMono(this::bodyOrError)
                .map(bytes -> {
                    JsonNode root = SentimentProtocol.JSON.readTree(bytes);
                    String model = root.path("model_id").asString(settings.model());
                    int max = root.path("max_client_batch_size").asInt(settings.maxBatchSize());
                    return new Info(model, max);
                });
    }

    private Mono<byte[]> bodyOrError(ClientResponse response) {
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
        }
        int status = response.statusCode().value();
        Duration retryAfter =
                RetryAfter.parse(response.headers().asHttpHeaders().getFirst("Retry-After"), Clock.systemUTC());
        return response.releaseBody().then(Mono.error(new RemoteStatusException(status, retryAfter)));
    }

    private static List<SentimentResult> failedAll(int n, String error) {
        List<SentimentResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(new SentimentResult.Failed(error));
        }
        return results;
    }

    CircuitBreaker circuitBreaker() {
        return resilience.circuitBreaker();
    }

    @Override
    public String mode() {
        return mode.toLowerCase(Locale.ROOT);
    }
}
