package dev.parley.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaConfigurationTests {

    @Test
    void eventSender_makesItsProducerBeforeTheFirstSend() {
        var registry = new SimpleMeterRegistry();
        // no broker needed: a producer does not connect until it sends
        var properties = new KafkaProperties(
                "localhost:9", "test.", 1, (short) 1, 16, Duration.ofSeconds(1), Duration.ofSeconds(1));

        try (EventSender sender = new KafkaConfiguration().eventSender(properties, registry)) {
            // the producer listener binds the producer's metrics when reactor-kafka makes it: made already, so the
            // first send (on an event loop) does not run the producer's blocking constructor
            assertThat(registry.getMeters())
                    .extracting(Meter::getId)
                    .anySatisfy(id -> assertThat(id.getName()).startsWith("kafka.producer"));
        }
    }
}
