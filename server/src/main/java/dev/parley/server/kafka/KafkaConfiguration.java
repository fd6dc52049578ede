package dev.parley.server.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** How long making the producer may take at startup; it does not wait for the broker. */
    private static final Duration PRODUCER_START = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    EventSender eventSender(KafkaProperties properties, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                properties.name("parley-server-") + ProcessHandle.current().pid());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Idempotence keeps per-partition order with up to 5 in-flight requests per connection.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        SenderOptions<String, byte[]> options = SenderOptions.<String, byte[]>create(config)
                .maxInFlight(properties.maxInFlight())
                .stopOnError(true)
                .producerListener(new MicrometerProducerListener(registry));
        KafkaSender<String, byte[]> sender = KafkaSender.create(options);
        // reactor-kafka makes the producer in the first send, on the thread that subscribes to it, and the producer's
        // constructor blocks (it resolves the bootstrap servers, reads its configuration): that thread was an event
        // loop,
        // where BlockHound failed a conversation delete with it. Made now, by the thread that starts the application.
        sender.doOnProducer(Producer::metrics).block(PRODUCER_START);
        return new EventSender(sender);
    }

    @Bean
    EventReceiver eventReceiver(KafkaProperties properties, MeterRegistry registry) {
        return new EventReceiver(properties, registry);
    }

    @Bean(destroyMethod = "close")
    TopicAdmin topicAdmin(KafkaProperties properties) {
        return new TopicAdmin(properties);
    }
}
