package dev.parley.server.enrichment.links;

import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.support.BackgroundLoop;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Fetches the previews of URLs the consumer recorded: every {@code sweep-interval} it claims pending URLs and
 * fetches them with at most {@code max-concurrent} in flight, storing each outcome and publishing it on
 * {@code parley.enrichments.v1} (keyed by URL). Apart from the consumer, so a slow site never holds up a partition.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.enrichment.links.enabled", matchIfMissing = true)
class LinkPreviewWorker extends BackgroundLoop {

    static final String TYPE = "dev.parley.enrichment.link-preview.v1";

    private static final Logger log = LoggerFactory.getLogger(LinkPreviewWorker.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final LinkPreviewRepository repository;
    private final LinkPreviewFetcher fetcher;
    private final EventSender sender;
    private final KafkaProperties kafka;
    private final EnrichmentProperties.Links settings;
    private final boolean enabled;
    private final MeterRegistry registry;

    LinkPreviewWorker(
            LinkPreviewRepository repository,
            EventSender sender,
            KafkaProperties kafka,
            EnrichmentProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.settings = properties.links();
        this.enabled = properties.enabled();
        this.fetcher = new LinkPreviewFetcher(settings);
        this.sender = sender;
        this.kafka = kafka;
        this.registry = registry;
    }

    Mono<Long> sweep() {
        return repository
                .claim(settings.sweepBatch())
                .flatMap(
                        url -> fetcher.fetch(url)
                                .flatMap(preview -> repository
                                        .save(preview)
                                        .then(publish(preview))
                                        .thenReturn(preview))
                                .doOnNext(preview -> Counter.builder("parley.enrichment.link.previews")
                                        .tag("status", preview.status())
                                        .description("Link previews fetched, by outcome")
                                        .register(registry)
                                        .increment())
                                .onErrorResume(
                                        RequestNotPermitted.class,
                                        e -> repository.release(url).then(Mono.empty())),
                        settings.maxConcurrent())
                .count();
    }

    private Mono<Void> publish(LinkPreview preview) {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", utf8("1.0"));
        headers.put("ce_id", utf8("link-preview:" + preview.url()));
        headers.put("ce_type", utf8(TYPE));
        headers.put("ce_source", utf8("/parley/enrichment"));
        headers.put("ce_subject", utf8(preview.url()));
        headers.put("ce_time", utf8(Instant.now().toString()));
        headers.put("content-type", utf8("application/json"));
        var event = new OutboundEvent<>(
                kafka.name(ParleyTopics.ENRICHMENTS), preview.url(), toJson(preview), headers, preview.url());
        return sender.send(Flux.just(event)).then();
    }

    static byte[] toJson(LinkPreview p) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("url", p.url());
            g.writeStringProperty("status", p.status());
            g.writeStringProperty("title", p.title());
            g.writeStringProperty("description", p.description());
            g.writeStringProperty("siteName", p.siteName());
            g.writeStringProperty("imageUrl", p.imageUrl());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected Flux<?> loop() {
        return Flux.interval(settings.sweepInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> sweep().onErrorResume(e -> {
                            log.warn("Link preview sweep failed error={}", e.toString());
                            return Mono.just(0L);
                        }),
                        1);
    }
}
