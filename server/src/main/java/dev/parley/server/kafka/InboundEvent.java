package dev.parley.server.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A received record. Call {@link #acknowledge()} once its effect is durable; acknowledged offsets are committed
 * periodically and before a rebalance. {@link #commit()} commits at once.
 */
public final class InboundEvent {

    private final String topic;
    private final int partition;
    private final long offset;
    private final @Nullable String key;
    private final byte @Nullable [] value;
    // kept as received: a header's name is decoded only when it is looked up (most consumers read one of eight)
    private final Headers headers;
    private final reactor.kafka.receiver.ReceiverOffset receiverOffset;

    InboundEvent(
            String topic,
            int partition,
            long offset,
            @Nullable String key,
            byte @Nullable [] value,
            Headers headers,
            reactor.kafka.receiver.ReceiverOffset receiverOffset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.receiverOffset = receiverOffset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public @Nullable String key() {
        return key;
    }

    /** The value, or {@code null} for a tombstone. */
    public byte @Nullable [] value() {
        return value;
    }

    /** The value of the last header named {@code name}, or {@code null}. */
    public byte @Nullable [] header(String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : header.value();
    }

    /** All headers, the last value of each name. */
    public Map<String, byte[]> headers() {
        Map<String, byte[]> all = new HashMap<>();
        for (Header header : headers) {
            all.put(header.key(), header.value());
        }
        return all;
    }

    static Headers headersOf(Map<String, byte[]> headers) {
        var all = new RecordHeaders();
        headers.forEach(all::add);
        return all;
    }

    public void acknowledge() {
        receiverOffset.acknowledge();
    }

    /** This record's acknowledgement alone, for a consumer that keeps it longer than the record. */
    public Acknowledgement acknowledgement() {
        return new Acknowledgement(partition, receiverOffset);
    }

    public Mono<Void> commit() {
        return receiverOffset.commit();
    }
}
