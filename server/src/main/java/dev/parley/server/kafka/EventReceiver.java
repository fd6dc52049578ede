package dev.parley.server.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Flux;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;

/** Creates receivers for consumer groups; offsets are committed only for acknowledged records. */
public final class EventReceiver {

    private final KafkaProperties properties;
    private final MeterRegistry registry;

    EventReceiver(KafkaProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    /**
     * Receives {@code topic} as member of {@code group} (both given without the deployment prefix), from the
     * earliest offset for a new group. The subscription starts on subscribe and ends, leaving the group, on cancel.
     */
    public Flux<InboundEvent> receive(
            String topic, String group, Function<Map<String, Object>, Map<String, Object>> tuning) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.name(group));
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                properties.name(group) + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(tuning.apply(config))
                .commitInterval(properties.commitInterval())
                // the consumers' own metrics (records-lag-max per partition among them) as kafka.consumer.* meters
                .consumerListener(new MicrometerConsumerListener(registry))
                .subscription(List.of(properties.name(topic)));
        return KafkaReceiver.create(options).receive().map(EventReceiver::toInboundEvent);
    }

    public Flux<InboundEvent> receive(String topic, String group) {
        return receive(topic, group, Function.identity());
    }

    private static InboundEvent toInboundEvent(reactor.kafka.receiver.ReceiverRecord<String, byte[]> record) {
        return new InboundEvent(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                record.headers(),
                record.receiverOffset());
    }
}
