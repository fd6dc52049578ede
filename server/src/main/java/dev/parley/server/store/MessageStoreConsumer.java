package dev.parley.server.store;

import dev.parley.server.imports.ImportCompletion;
import dev.parley.server.kafka.EventReceiver;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.support.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The {@code parley-store} consumer: batches of messages (by size and time) written one after another, so each
 * partition's order is kept; a batch's records are acknowledged only once its transaction has committed, and only
 * acknowledged offsets are committed. Each record is decoded and encoded into its COPY tuple as it arrives, so a batch
 * waits for its transaction holding ~200 bytes a message and an acknowledgement per partition, not whole records;
 * while one batch is written, the next is received and encoded (one batch ahead, no more), so the JVM's share of
 * storing overlaps the database's. A failed batch restarts the receiver from the last commit; the idempotent writer
 * makes the redelivery harmless.
 */
@Component
class MessageStoreConsumer extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(MessageStoreConsumer.class);
    static final String GROUP = "parley-store";

    private final EventReceiver receiver;
    private final MessageRecordDecoder decoder;
    private final MessageBatchWriter writer;
    private final ImportCompletion completion;
    private final StoreProperties properties;
    private final Counter stored;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;

    MessageStoreConsumer(
            EventReceiver receiver,
            MessageRecordDecoder decoder,
            MessageBatchWriter writer,
            ImportCompletion completion,
            StoreProperties properties,
            MeterRegistry registry) {
        this.receiver = receiver;
        this.decoder = decoder;
        this.writer = writer;
        this.completion = completion;
        this.properties = properties;
        this.stored = Counter.builder("parley.import.messages.stored").register(registry);
        this.batchSize =
                DistributionSummary.builder("parley.import.store.batch.size").register(registry);
        this.batchDuration = Timer.builder("parley.import.store.batch.duration").register(registry);
    }

    @Override
    protected Flux<MessageBatchWriter.BatchResult> loop() {
        return Flux.defer(() -> {
                    var encoder = new RowEncoder(decoder); // one per subscription: it remembers the last record
                    return receiver.receive(ParleyTopics.MESSAGES, GROUP, config -> {
                                config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
                                config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
                                return config;
                            })
                            .map(encoder::encode);
                })
                .bufferTimeout(properties.batchSize(), properties.batchTimeout(), true)
                .publishOn(Schedulers.parallel(), 1)
                .map(StoreBatch::of)
                .concatMap(this::store, 1)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn(
                                "Store consumer restarts after a failure attempt={}",
                                signal.totalRetries() + 1,
                                signal.failure())));
    }

    private Mono<MessageBatchWriter.BatchResult> store(StoreBatch batch) {
        long started = System.nanoTime();
        return writer.write(batch)
                .timeout(properties.writeTimeout())
                .doOnNext(result -> {
                    batch.acknowledge();
                    stored.increment(result.inserted());
                    batchSize.record(batch.size());
                    batchDuration.record(Duration.ofNanos(System.nanoTime() - started));
                })
                .flatMap(result -> Flux.fromIterable(result.completed())
                        .concatMap(completion::announce)
                        .then(Mono.just(result)));
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }
}
