package dev.parley.server.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes records with an idempotent, acks=all producer. Sends honour backpressure: at most
 * {@code parley.kafka.max-in-flight} records are outstanding. A failed send fails the returned Flux.
 */
public final class EventSender implements AutoCloseable {

    private final KafkaSender<String, byte[]> sender;

    EventSender(KafkaSender<String, byte[]> sender) {
        this.sender = sender;
    }

    /** Sends {@code events} in order (per key) and emits each one once the broker has acknowledged it. */
    public <C> Flux<SentEvent<C>> send(Flux<OutboundEvent<C>> events) {
        // The sender reads the subscriber context for every record (its observation parent); an identity
        // contextWrite right here answers that lookup at once instead of walking the caller's whole chain.
        return sender.send(events.map(EventSender::toSenderRecord))
                .contextWrite(Function.identity())
                .map(result -> {
                    var metadata = result.recordMetadata();
                    return new SentEvent<>(result.correlationMetadata(), metadata.partition(), metadata.offset());
                });
    }

    private static <C> SenderRecord<String, byte[], C> toSenderRecord(OutboundEvent<C> event) {
        List<Header> headers = new ArrayList<>(event.headers().size());
        event.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        var record = new ProducerRecord<>(event.topic(), null, event.key(), event.value(), headers);
        return SenderRecord.create(record, event.correlation());
    }

    @Override
    public void close() {
        sender.close();
    }
}
