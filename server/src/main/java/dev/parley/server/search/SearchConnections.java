package dev.parley.server.search;

import dev.parley.server.database.DedicatedPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The database connections of search: a pool of its own, metered as {@code name=search}, as large as the main pool
 * unless {@code parley.search.max-connections} says otherwise.
 *
 * <p>Its connections plan statements generically ({@code plan_cache_mode = force_generic_plan}). PostgreSQL plans a
 * prepared statement anew for each execution (a custom plan) until five have run, and then keeps doing so whenever
 * those plans looked cheaper than the generic one. For the ~8 KB search statement, planning costs about as much as
 * running it for a rare word (pgbench: 2.9 ms with custom plans, 1.65 ms generic), and which way a connection went
 * depended on the words it happened to serve first. Custom plans buy search nothing: the query is parsed in a fenced
 * relation, so no plan knows the word's frequency, and the statements choose their branch at run time from the term
 * counts ({@link SearchRepository}). The statements of the main pool keep PostgreSQL's choice.
 *
 * <p>A pool apart also keeps a burst of searches, the most expensive reads, from taking every connection that pages
 * need.
 */
@Component
class SearchConnections implements DisposableBean {

    private final ConnectionPool pool;

    SearchConnections(
            ConnectionFactory connections, R2dbcProperties main, SearchProperties properties, MeterRegistry registry) {
        int size = properties.maxConnections() == null ? main.getPool().getMaxSize() : properties.maxConnections();
        pool = DedicatedPools.create(
                connections, "search", size, main.getPool().getMaxIdleTime(), registry, DedicatedPools.GENERIC_PLANS);
    }

    Mono<? extends Connection> create() {
        return pool.create();
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
