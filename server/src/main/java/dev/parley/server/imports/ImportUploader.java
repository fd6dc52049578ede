package dev.parley.server.imports;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.ParseReport;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.OutboundEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one upload: bytes → parser → Kafka, all while the body arrives. The body is only read as fast as the
 * Kafka sender acknowledges (its in-flight window is the bound), so memory stays flat whatever the file size.
 * Every received {@link DataBuffer} is copied once and released at once.
 */
@Component
class ImportUploader {

    private static final Logger log = LoggerFactory.getLogger(ImportUploader.class);

    private final ImportRepository imports;
    private final ConversationMatcher matcher;
    private final MessageEvents messageEvents;
    private final EventSender sender;
    private final ImportLifecycle lifecycle;
    private final ImportProperties properties;
    private final JsonMapper json;
    private final ImportMetrics metrics;
    private final ImportCompletion completion;

    ImportUploader(
            ImportRepository imports,
            ConversationMatcher matcher,
            MessageEvents messageEvents,
            EventSender sender,
            ImportLifecycle lifecycle,
            ImportProperties properties,
            JsonMapper json,
            ImportCompletion completion,
            MeterRegistry registry) {
        this.completion = completion;
        this.imports = imports;
        this.matcher = matcher;
        this.messageEvents = messageEvents;
        this.sender = sender;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.json = json;
        this.metrics = new ImportMetrics(registry);
    }

    /**
     * Parses and publishes {@code body} for the claimed import {@code imp}; completes with the import's state once
     * the whole body is taken and every message is acknowledged by Kafka. On error, cancel or client disconnect the
     * import ends FAILED (or stays CANCELLED) and nothing of it stays visible.
     */
    Mono<ImportRecord> upload(ImportRecord imp, Flux<DataBuffer> body) {
        var counters = new UploadCounters();
        long max = properties.maxUploadSize().toBytes();
        Flux<ByteBuffer> bytes = body.map(buffer -> {
                    byte[] chunk = new byte[buffer.readableByteCount()];
                    buffer.read(chunk);
                    DataBufferUtils.release(buffer);
                    return chunk;
                })
                .handle((chunk, sink) -> {
                    counters.received(chunk);
                    metrics.bytesReceived(chunk.length);
                    if (counters.bytes.get() > max) {
                        sink.error(ImportFailures.tooLarge(max));
                    } else {
                        sink.next(ByteBuffer.wrap(chunk));
                    }
                });

        var report = new AtomicReference<ParseReport>();
        Flux<ChatMessage> messages = ChatParser.create(optionsOf(imp))
                .parse(bytes)
                .<ChatMessage>handle((event, sink) -> {
                    switch (event) {
                        case ChatMessage message -> {
                            counters.parsed.incrementAndGet();
                            sink.next(message);
                        }
                        case ParseReport finalReport -> report.set(finalReport);
                    }
                });

        // The plan needs the opening messages; buffering them (and every later run of as many) costs next to nothing.
        Flux<OutboundEvent<Long>> records = messages.buffer(ConversationMatcher.OPENING)
                .switchOnFirst((opening, all) -> {
                    if (!opening.hasValue()) {
                        return all.thenMany(Flux.<OutboundEvent<Long>>empty()); // no messages, or the parser's error
                    }
                    return matcher.plan(imp, opening.get()).flatMapMany(plan -> {
                        var publication = messageEvents.publication(plan.conversationId(), imp.id());
                        return all.flatMapIterable(batch -> batch)
                                .filter(plan::isNew)
                                .map(m -> toRecord(publication, plan, m));
                    });
                });

        // reduce, not then() or count(): those hand each of millions of results to the discard hook, every time
        // looking the hook up in the subscriber context through the whole operator chain
        Mono<ImportRecord> work = sender.send(records.doOnNext(r -> counters.fresh.incrementAndGet()))
                .reduce(0L, (published, sent) -> counters.published.incrementAndGet())
                .flatMap(sent -> finish(imp, counters, report.get()));

        // Counters reach the database every progressInterval; a cancel from any server instance stops the work, and
        // so does a delete of the conversation (the import's row went with it): an upload of gigabytes would otherwise
        // go on publishing a deleted conversation's messages for minutes.
        Mono<Boolean> stoppedElsewhere = Flux.interval(properties.progressInterval())
                .onBackpressureDrop() // a slow database skips ticks rather than queueing them
                .concatMap(tick -> imports.saveProgress(
                                imp.id(), counters.bytes.get(), counters.parsed.get(), counters.published.get())
                        .map(ImportStatus::isFinal)
                        .defaultIfEmpty(true))
                .filter(stopped -> stopped)
                .next();

        return Mono.usingWhen(
                        Mono.just(imp),
                        running -> work.takeUntilOther(stoppedElsewhere)
                                .switchIfEmpty(Mono.defer(() -> imports.find(imp.ownerId(), imp.id()))),
                        running -> Mono.empty(),
                        (running, error) -> fail(imp, ImportFailures.of(error)),
                        running -> fail(imp, ImportFailures.interrupted()))
                // neither finished nor found: the import went with its conversation, deleted while it ran
                .switchIfEmpty(Mono.error(ImportFailures::conversationDeleted))
                .onErrorMap(ImportFailures::of);
    }

    private OutboundEvent<Long> toRecord(
            MessageEvents.Publication publication, ConversationPlan plan, ChatMessage message) {
        long ordinal = plan.ordinalOf(message);
        byte[] value = MessageCodec.toJson(message);
        if (ordinal != message.ordinal()) {
            ObjectNode tree = (ObjectNode) json.readTree(value);
            tree.put("ordinal", ordinal);
            value = json.writeValueAsBytes(tree);
        }
        return publication.toRecord(ordinal, message.sentAt(), value);
    }

    private Mono<ImportRecord> finish(ImportRecord imp, UploadCounters counters, ParseReport report) {
        metrics.parsed(counters.parsed.get());
        metrics.published(counters.published.get());
        return imports.finishUpload(
                        imp.id(),
                        counters.bytes.get(),
                        counters.parsed.get(),
                        counters.fresh.get(),
                        counters.published.get(),
                        counters.sha256Hex(),
                        json.writeValueAsString(report),
                        report.format().name().toLowerCase(java.util.Locale.ROOT))
                .then(completion.completeIfStored(imp.id()))
                .then(imports.find(imp.ownerId(), imp.id()))
                .flatMap(done -> lifecycle.publish(done).thenReturn(done))
                .doOnNext(done -> log.info(
                        "Upload taken importId={} bytes={} parsed={} new={} status={}",
                        imp.id(),
                        counters.bytes.get(),
                        counters.parsed.get(),
                        counters.fresh.get(),
                        done.status()));
    }

    private Mono<Void> fail(ImportRecord imp, ErrorResponseException problem) {
        metrics.failed(problem);
        log.info(
                "Import failed importId={} problem={}",
                imp.id(),
                problem.getBody().getType());
        return imports.end(imp.id(), ImportStatus.FAILED, json.writeValueAsString(ImportFailures.toMap(problem)))
                .flatMap(lifecycle::publish)
                .onErrorResume(e -> {
                    log.warn("Could not record the failure of importId={}", imp.id(), e);
                    return Mono.empty();
                });
    }

    private dev.parley.ingest.ParseOptions optionsOf(ImportRecord imp) {
        return json.readValue(imp.optionsJson(), ImportOptions.class).toParseOptions();
    }
}
