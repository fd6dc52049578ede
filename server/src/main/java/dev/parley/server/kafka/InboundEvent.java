package dev.parley.server.kafka;

import java.util.Map;
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
    private final Map<String, byte[]> headers;
    private final reactor.kafka.receiver.ReceiverOffset receiverOffset;

    InboundEvent(
            String topic,
            int partition,
            long offset,
            @Nullable String key,
            byte @Nullable [] value,
            Map<String, byte[]> headers,
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

    public Map<String, byte[]> headers() {
        return headers;
    }

    public void acknowledge() {
        receiverOffset.acknowledge();
    }

    public Mono<Void> commit() {
        return receiverOffset.commit();
    }
}
