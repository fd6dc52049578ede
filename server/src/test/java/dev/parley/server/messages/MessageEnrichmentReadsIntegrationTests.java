package dev.parley.server.messages;

import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What enrichment found appears on the message JSON of the reads. */
@ParleyIntegrationTest
class MessageEnrichmentReadsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Test
    void messages_carrySentimentWhenScored_andLinksWithTheirPreviews() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        String url = "https://example.org/plan-" + conversation;
        sql("INSERT INTO conversations (id, owner_id, title, source_format, message_count, visible)" + " VALUES ('"
                + conversation + "', '" + CurrentOwner.DEFAULT_OWNER + "', 't', 'whatsapp', 3, true)");
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            sql("INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body, import_id)"
                    + " VALUES ('" + conversation + "', " + ordinal + ", '2024-03-12T09:1" + ordinal + ":00Z',"
                    + " '2024-03-12T09:1" + ordinal + ":00', 'Anna', 'TEXT', 'message " + ordinal + "', '" + importId
                    + "')");
        }
        sql("INSERT INTO message_enrichment (conversation_id, ordinal, sentiment_status, sentiment_score,"
                + " sentiment_label, sentiment_model) VALUES ('" + conversation + "', 0, 'SCORED', 0.75, 'positive',"
                + " 'vader-3.3-en')");
        sql("INSERT INTO message_enrichment (conversation_id, ordinal, sentiment_status, sentiment_model, language,"
                + " unscored_reason) VALUES ('" + conversation + "', 1, 'UNSCORED', 'vader-3.3-en', 'de', 'language')");
        sql("INSERT INTO message_links (conversation_id, ordinal, position, url) VALUES ('" + conversation + "', 1, 0,"
                + " '" + url + "'), ('" + conversation + "', 1, 1, 'https://example.com/not-yet')");
        sql("INSERT INTO link_previews (url, status, title, description, site_name, image_url) VALUES ('" + url
                + "', 'OK', 'The plan', 'Where we meet', 'Example', 'https://example.org/p.png'),"
                + " ('https://example.com/not-yet', 'PENDING', null, null, null, null)"
                + " ON CONFLICT (url) DO NOTHING");

        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/api/v1/conversations/{id}/messages", conversation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].sentiment.label")
                .isEqualTo("positive")
                .jsonPath("$.items[0].sentiment.score")
                .isEqualTo(0.75)
                .jsonPath("$.items[0].sentiment.model")
                .isEqualTo("vader-3.3-en")
                .jsonPath("$.items[0].links")
                .doesNotExist()
                .jsonPath("$.items[1].sentiment")
                .doesNotExist()
                .jsonPath("$.items[1].links[0].url")
                .isEqualTo(url)
                .jsonPath("$.items[1].links[0].title")
                .isEqualTo("The plan")
                .jsonPath("$.items[1].links[0].siteName")
                .isEqualTo("Example")
                .jsonPath("$.items[1].links[0].imageUrl")
                .isEqualTo("https://example.org/p.png")
                .jsonPath("$.items[1].links[1].url")
                .isEqualTo("https://example.com/not-yet")
                .jsonPath("$.items[1].links[1].title")
                .isEmpty()
                .jsonPath("$.items[2].sentiment")
                .doesNotExist();
    }

    private void sql(String statement) {
        db.sql(statement).then().block(Duration.ofSeconds(10));
    }
}
