package dev.parley.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.testing.ParleyIntegrationTest;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Write transactions against the real PostgreSQL: all or nothing, whatever their caller does meanwhile. */
@ParleyIntegrationTest
class TransactionsIntegrationTests {

    @Autowired
    DatabaseClient database;

    @Autowired
    Transactions transactions;

    private final String table = "tx_test_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void createTable() {
        database.sql("CREATE TABLE " + table + " (step int PRIMARY KEY)").then().block(Duration.ofSeconds(30));
    }

    @Test
    void run_cancelledByItsCaller_stillCommitsEveryStatement() {
        var random = new Random(7);
        for (int i = 0; i < 20; i++) {
            int first = i * 3;
            Mono<Void> work =
                    insert(first).then(sleep()).then(insert(first + 1)).then(insert(first + 2));

            // callers that go away at once, or at any moment while the statements run
            Mono<Void> run = transactions.run(Duration.ofSeconds(30), work);
            if (i % 2 == 0) {
                run.subscribe().dispose();
            } else {
                run.take(Duration.ofNanos(random.nextLong(30_000_000))).subscribe();
            }
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(steps()).hasSize(60));
    }

    @Test
    void run_givenStatementOverTheTimeout_rollsBackEverything() {
        Mono<Void> work = insert(1).then(database.sql("SELECT pg_sleep(5)").then());

        transactions
                .run(Duration.ofMillis(200), work)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e)
                        .hasRootCauseInstanceOf(R2dbcException.class)
                        .rootCause()
                        .hasMessageContaining("statement timeout"))
                .verify(Duration.ofSeconds(30));

        assertThat(steps()).isEmpty();
    }

    @Test
    void run_givenFailingStatement_commitsNothing() {
        Mono<Void> work = insert(1).then(insert(1));

        transactions
                .run(Duration.ofSeconds(30), work)
                .as(StepVerifier::create)
                .expectError()
                .verify(Duration.ofSeconds(30));

        assertThat(steps()).isEmpty();
    }

    private Mono<Void> insert(int step) {
        return database.sql("INSERT INTO " + table + " (step) VALUES (:step)")
                .bind("step", step)
                .then();
    }

    private Mono<Void> sleep() {
        return database.sql("SELECT pg_sleep(0.01)").then();
    }

    private List<Integer> steps() {
        return database.sql("SELECT step FROM " + table + " ORDER BY step")
                .map(row -> row.get(0, Integer.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }
}
