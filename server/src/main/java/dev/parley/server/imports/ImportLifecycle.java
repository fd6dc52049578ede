package dev.parley.server.imports;

import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the state of an import to the compacted {@code parley.imports.v1} (key = import id) whenever its
 * lifecycle moves. Subscribers read the latest state per import; a failure to publish never fails the import.
 */
@Component
public class ImportLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportLifecycle.class);

    private final EventSender sender;
    private final JsonMapper json;
    private final String topic;

    ImportLifecycle(EventSender sender, JsonMapper json, KafkaProperties kafka) {
        this.sender = sender;
        this.json = json;
        this.topic = kafka.name(ParleyTopics.IMPORTS);
    }

    Mono<Void> publish(ImportRecord imp) {
        var record = new OutboundEvent<>(
                topic,
                imp.id().toString(),
                json.writeValueAsBytes(ImportView.of(imp)),
                Map.of("ce_type", "dev.parley.import.v1".getBytes(), "ce_specversion", "1.0".getBytes()),
                imp.id());
        return sender.send(Flux.just(record)).then().onErrorResume(e -> {
            log.warn("Could not publish import state importId={} status={}", imp.id(), imp.status(), e);
            return Mono.empty();
        });
    }
}
