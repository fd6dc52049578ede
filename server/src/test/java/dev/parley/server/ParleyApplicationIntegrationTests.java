package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.kafka.EventReceiver;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The foundation holds: the server runs on the real database and broker, and the tests would notice blocking. */
@ParleyIntegrationTest
class ParleyApplicationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @Autowired
    EventSender sender;

    @Autowired
    EventReceiver receiver;

    @Autowired
    KafkaProperties kafka;

    @Test
    void health_givenEmbeddedInfrastructure_isUpWithDatabaseAndKafka() {
        WebTestClient client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP");
        client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc")
                .doesNotExist()
                .jsonPath("$.components.kafka")
                .doesNotExist();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void r2dbc_roundTrip_writesAndReadsBack() {
        String value = UUID.randomUUID().toString();
        Mono<String> roundTrip = database.sql("CREATE TEMPORARY TABLE smoke (v text)")
                .then()
                .then(database.sql("INSERT INTO smoke VALUES (:v)")
                        .bind("v", value)
                        .then())
                .then(database.sql("SELECT v FROM smoke")
                        .map(row -> row.get(0, String.class))
                        .one());
        // one connection for the temp table's lifetime
        StepVerifier.create(database.inConnection(connection -> roundTrip))
                .expectNext(value)
                .verifyComplete();
        StepVerifier.create(database.sql("SELECT count(*) FROM flyway_schema_history")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .assertNext(count -> assertThat(count).isNotNegative())
                .verifyComplete();
    }

    @Test
    void kafka_sendReceiveAcknowledgeCommit_roundTrip() throws Exception {
        String key = UUID.randomUUID().toString();
        String topic = kafka.name(ParleyTopics.MESSAGES);
        List<OutboundEvent<Integer>> events = List.of(0, 1, 2).stream()
                .map(i -> new OutboundEvent<>(topic, key, ("m" + i).getBytes(StandardCharsets.UTF_8), Map.of(), i))
                .toList();

        StepVerifier.create(sender.send(Flux.fromIterable(events)))
                .expectNextMatches(sent -> sent.correlation() == 0)
                .expectNextMatches(sent -> sent.correlation() == 1)
                .expectNextMatches(sent -> sent.correlation() == 2)
                .verifyComplete();

        String group = "smoke-" + key;
        StepVerifier.create(receiver.receive(ParleyTopics.MESSAGES, group)
                        .filter(event -> key.equals(event.key()))
                        .take(3)
                        .concatMap(event -> {
                            event.acknowledge();
                            return event.commit().thenReturn(event);
                        })
                        .map(InboundEvent::value)
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8)))
                .expectNext("m0", "m1", "m2")
                .expectComplete()
                .verify(Duration.ofSeconds(60));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            Map<?, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kafka.name(group))
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            assertThat(committed.values()).extracting(OffsetAndMetadata::offset).anyMatch(offset -> offset >= 3);
        }
    }

    @Test
    void blockHound_isActive_onNonBlockingThreads() {
        Mono<Void> parked = Mono.fromRunnable(() -> LockSupport.parkNanos(1_000))
                .subscribeOn(Schedulers.parallel())
                .then();
        StepVerifier.create(parked).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
    }
}
