package dev.parley.server.enrichment;

import static dev.parley.server.enrichment.EnrichmentMessages.insertImport;
import static dev.parley.server.enrichment.EnrichmentMessages.message;
import static dev.parley.server.enrichment.EnrichmentMessages.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.enrichment.sentiment.BuiltInSentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.SentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.SentimentResult;
import dev.parley.server.kafka.EventReceiver;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The parley-enrich consumer on the real broker and database. */
@ParleyIntegrationTest
@TestPropertySource(
        properties = {
            "parley.enrichment.consumer.batch-size=50",
            "parley.enrichment.consumer.batch-timeout=100ms",
            "parley.enrichment.consumer.retry-backoff=50ms",
            "parley.enrichment.consumer.max-attempts=3"
        })
class EnrichmentConsumerIntegrationTests {

    /** Fails every text containing "POISON" on its own, like a remote model that rejects one input. */
    @TestConfiguration
    static class PoisonAnalyzer {
        @Bean
        @Primary
        SentimentAnalyzer poisonAnalyzer() {
            BuiltInSentimentAnalyzer builtIn = new BuiltInSentimentAnalyzer();
            return new SentimentAnalyzer() {
                @Override
                public Mono<List<SentimentResult>> analyze(List<String> texts) {
                    return Mono.fromSupplier(() -> texts.stream()
                            .map(text -> text.contains("POISON")
                                    ? new SentimentResult.Failed("rejected")
                                    : builtIn.analyze(text))
                            .toList());
                }

                @Override
                public String mode() {
                    return "test";
                }
            };
        }
    }

    @Autowired
    DatabaseClient database;

    @Autowired
    EventSender sender;

    @Autowired
    EventReceiver receiver;

    @Autowired
    KafkaProperties kafka;

    private String topic() {
        return kafka.name(ParleyTopics.MESSAGES);
    }

    @Test
    void consume_givenMessages_storesSentimentCountsProgressAndPublishes() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        insertImport(database, importId, conversation).block();
        List<OutboundEvent<Long>> events = new ArrayList<>();
        LongStream.range(0, 120)
                .forEach(i -> events.add(message(topic(), conversation, importId, i, "I love this, great " + i)));
        events.add(message(topic(), conversation, importId, 120, "Das ist nicht gut, ich bin sehr traurig"));
        events.add(message(
                topic(), conversation, importId, 121, "look http://127.0.0.1/secret and https://parley.invalid/a."));
        sender.send(Flux.fromIterable(events)).then().block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(scalar(
                                database,
                                "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1",
                                conversation))
                        .isEqualTo(122));
        assertThat(scalar(database, "SELECT messages_enriched FROM imports WHERE id = $1", importId))
                .isEqualTo(122);
        assertThat(scalar(
                        database,
                        "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1 AND sentiment_label = 'positive'",
                        conversation))
                .isEqualTo(120);
        assertThat(scalar(
                        database,
                        "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1 AND ordinal = 120"
                                + " AND sentiment_status = 'UNSCORED' AND language = 'de' AND sentiment_score IS NULL",
                        conversation))
                .isEqualTo(1);
        assertThat(scalar(
                        database,
                        "SELECT count(*) FROM message_links WHERE conversation_id = $1 AND ordinal = 121",
                        conversation))
                .isEqualTo(2);
        assertThat(scalar(database, "SELECT count(*) FROM link_previews WHERE url = 'https://parley.invalid/a'"))
                .isEqualTo(1);
        // the preview worker refuses the loopback URL without connecting (no allow-list here)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                scalar(
                                        database,
                                        "SELECT count(*) FROM link_previews WHERE url = 'http://127.0.0.1/secret' AND status = 'REFUSED'"))
                        .isEqualTo(1));

        // redelivery changes nothing: progress counts only rows actually inserted
        sender.send(Flux.fromIterable(events.subList(0, 10))).then().block(Duration.ofSeconds(30));
        UUID marker = UUID.randomUUID();
        UUID markerImport = UUID.randomUUID();
        insertImport(database, markerImport, marker).block();
        sender.send(Flux.just(message(topic(), marker, markerImport, 0, "done")))
                .then()
                .block();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                scalar(database, "SELECT messages_enriched FROM imports WHERE id = $1", markerImport))
                        .isEqualTo(1));
        assertThat(scalar(database, "SELECT messages_enriched FROM imports WHERE id = $1", importId))
                .isEqualTo(122);

        StepVerifier.create(receiver.receive(ParleyTopics.ENRICHMENTS, "test-enrichments-" + conversation)
                        .filter(event -> conversation.toString().equals(event.key()))
                        .map(event -> new String(event.value(), StandardCharsets.UTF_8))
                        .filter(json -> json.contains("\"ordinal\":0,"))
                        .take(1))
                .assertNext(json -> assertThat(json)
                        .contains("\"label\":\"positive\"")
                        .contains("\"model\":\"vader-3.3-en\"")
                        .contains("\"importId\":\"" + importId + "\""))
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void consume_givenMessageThatKeepsFailing_deadLettersItWithErrorAndEnrichesTheRest() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        insertImport(database, importId, conversation).block();
        sender.send(Flux.just(
                        message(topic(), conversation, importId, 0, "nice"),
                        message(topic(), conversation, importId, 1, "POISON pill"),
                        EnrichmentMessages.raw(topic(), conversation, importId, 2, "{not json".getBytes()),
                        message(topic(), conversation, importId, 3, "awful")))
                .then()
                .block(Duration.ofSeconds(30));

        List<InboundEvent> dead = receiver.receive(ParleyTopics.MESSAGES_DLT, "test-dlt-" + conversation)
                .filter(event -> conversation.toString().equals(event.key()))
                .take(2)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(dead).hasSize(2);
        assertThat(dead).anySatisfy(event -> {
            assertThat(header(event, "ce_id")).isEqualTo(conversation + ":1");
            assertThat(header(event, EnrichmentEvents.ERROR_STAGE)).isEqualTo("sentiment");
            assertThat(header(event, EnrichmentEvents.ATTEMPTS)).isEqualTo("3");
            assertThat(header(event, EnrichmentEvents.ERROR_MESSAGE)).isEqualTo("rejected");
        });
        assertThat(dead).anySatisfy(event -> {
            assertThat(header(event, "ce_id")).isEqualTo(conversation + ":2");
            assertThat(header(event, EnrichmentEvents.ERROR_STAGE)).isEqualTo("decode");
        });
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scalar(
                                database,
                                "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1",
                                conversation))
                        .isEqualTo(2));
    }

    @Test
    void consume_givenTombstone_deletesTheConversationsEnrichment() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        insertImport(database, importId, conversation).block();
        sender.send(Flux.just(message(topic(), conversation, importId, 0, "good https://parley.invalid/x")))
                .then()
                .block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(scalar(
                                database,
                                "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1",
                                conversation))
                        .isEqualTo(1));

        sender.send(Flux.just(new OutboundEvent<>(topic(), conversation.toString(), null, java.util.Map.of(), 0L)))
                .then()
                .block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(scalar(
                            database,
                            "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1",
                            conversation))
                    .isZero();
            assertThat(scalar(database, "SELECT count(*) FROM message_links WHERE conversation_id = $1", conversation))
                    .isZero();
        });
    }

    private static String header(InboundEvent event, String name) {
        byte[] value = event.header(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
