package dev.parley.server.database;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Write transactions that run to their commit or rollback once begun. When a subscriber cancels a Spring reactive
 * transaction half-way (a client that goes away, a consumer that stops), Spring sends the ROLLBACK at once while the
 * transaction's statements are still under way (spring-data-r2dbc#747); a statement that reaches the connection after
 * the ROLLBACK runs alone, in autocommit, and half of the transaction stays — an import's messages deleted but its
 * status not updated, search rows rolled back but their progress counted. Here cancelling only stops waiting for the
 * result, and PostgreSQL's {@code statement_timeout} bounds each statement instead, so nothing holds a connection for
 * ever.
 */
@Component
public class Transactions {

    private final DatabaseClient database;
    private final TransactionalOperator operator;

    Transactions(DatabaseClient database, TransactionalOperator operator) {
        this.database = database;
        this.operator = operator;
    }

    /**
     * Runs {@code work} in one transaction, each of its statements bounded by {@code statementTimeout}. The returned
     * Mono starts the transaction when subscribed; cancelling it does not cancel the transaction.
     */
    public <T> Mono<T> run(Duration statementTimeout, Mono<T> work) {
        Mono<T> bounded = database.sql("SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()))
                .then()
                .then(work)
                .as(operator::transactional);
        return Mono.fromFuture(bounded::toFuture, true);
    }
}
