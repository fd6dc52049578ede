package dev.parley.server.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverOffset;

/** Received records for unit tests of consumers, without a broker; acknowledging and committing do nothing. */
public final class InboundEventsForTests {

    public InboundEvent event(String key, byte @Nullable [] value, Map<String, byte[]> headers) {
        var partition = new TopicPartition("test", 0);
        ReceiverOffset offset = new ReceiverOffset() {
            @Override
            public TopicPartition topicPartition() {
                return partition;
            }

            @Override
            public long offset() {
                return 0;
            }

            @Override
            public void acknowledge() {}

            @Override
            public Mono<Void> commit() {
                return Mono.empty();
            }
        };
        return new InboundEvent("test", 0, 0, key, value, InboundEvent.headersOf(headers), offset);
    }
}
