package dev.parley.server.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverOffset;

/**
 * Received records for unit tests of consumers, without a broker: acknowledgements are recorded (see {@link
 * #acknowledged()}), commits do nothing.
 */
public final class InboundEventsForTests {

    private final List<String> acknowledged = new ArrayList<>();

    public InboundEvent event(String key, byte @Nullable [] value, Map<String, byte[]> headers) {
        return event(0, 0, key, value, headers);
    }

    public InboundEvent event(
            int partition, long offset, String key, byte @Nullable [] value, Map<String, byte[]> headers) {
        var topicPartition = new TopicPartition("test", partition);
        ReceiverOffset receiverOffset = new ReceiverOffset() {
            @Override
            public TopicPartition topicPartition() {
                return topicPartition;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public void acknowledge() {
                acknowledged.add(partition + "@" + offset);
            }

            @Override
            public Mono<Void> commit() {
                return Mono.empty();
            }
        };
        return new InboundEvent("test", partition, offset, key, value, InboundEvent.headersOf(headers), receiverOffset);
    }

    /** The acknowledged records as {@code partition@offset}, in the order acknowledged. */
    public List<String> acknowledged() {
        return acknowledged;
    }
}
