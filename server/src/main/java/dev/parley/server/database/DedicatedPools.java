package dev.parley.server.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.springframework.boot.r2dbc.metrics.ConnectionPoolMetrics;
import reactor.core.publisher.Flux;

/**
 * Connection pools of one feature's own, beside the main pool: connections of the main factory (same URL, options
 * and codecs) without its pool, so a feature that holds connections long, or needs other session settings, neither
 * starves nor changes the connections of every other query. Metered like the main pool, as {@code r2dbc.pool.*}
 * tagged with the pool's {@code name}. The caller disposes the pool.
 */
public final class DedicatedPools {

    private DedicatedPools() {}

    /**
     * A pool of at most {@code maxSize} connections, opened on demand and closed after {@code maxIdleTime} unused;
     * each new connection first runs {@code sessionSettings} (e.g. {@code SET ...}), in order.
     */
    public static ConnectionPool create(
            ConnectionFactory main,
            String name,
            int maxSize,
            Duration maxIdleTime,
            MeterRegistry registry,
            String... sessionSettings) {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(unpooled(main))
                .name(name)
                .initialSize(0)
                .maxSize(maxSize)
                .maxIdleTime(maxIdleTime)
                .postAllocate(connection -> Flux.fromArray(sessionSettings)
                        .concatMap(
                                sql -> Flux.from(connection.createStatement(sql).execute())
                                        .concatMap(Result::getRowsUpdated))
                        .then())
                .build());
        new ConnectionPoolMetrics(pool, name, Tags.empty()).bindTo(registry);
        return pool;
    }

    /** The main factory's own connections, without its pool. */
    private static ConnectionFactory unpooled(ConnectionFactory connections) {
        return connections instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner
                : connections;
    }
}
