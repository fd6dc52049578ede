package dev.parley.server.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.r2dbc.ConnectionFactoryBuilder;
import org.springframework.boot.r2dbc.metrics.ConnectionPoolMetrics;

/**
 * Connection pools of one feature's own, beside the main pool: connections of the main factory (same URL, options
 * and codecs) without its pool, so a feature that holds connections long, or needs other session settings, neither
 * starves nor changes the connections of every other query. Metered like the main pool, as {@code r2dbc.pool.*}
 * tagged with the pool's {@code name}. The caller disposes the pool.
 */
public final class DedicatedPools {

    /**
     * Session settings for statements that have one good plan whatever their values: PostgreSQL then plans each
     * prepared statement once, instead of anew on every execution while plans for the bound values look cheaper.
     */
    public static final Map<String, String> GENERIC_PLANS = Map.of("plan_cache_mode", "force_generic_plan");

    private DedicatedPools() {}

    /**
     * A pool of at most {@code maxSize} connections, opened on demand and closed after {@code maxIdleTime} unused,
     * whose connections start with {@code sessionSettings} (PostgreSQL parameters, e.g. {@link #GENERIC_PLANS}).
     *
     * <p>The settings travel in each connection's startup message, not as a statement run on the new connection:
     * with a {@code SET} run once per connection (the pool's {@code postAllocate}), even a no-op one, the pool served
     * a fifth fewer message pages and search a quarter fewer searches for the rest of the connections' lives, for a
     * reason not found (docs/performance.md, "Reads, ninth round").
     */
    public static ConnectionPool create(
            ConnectionFactory main,
            String name,
            int maxSize,
            Duration maxIdleTime,
            MeterRegistry registry,
            Map<String, String> sessionSettings) {
        ConnectionFactory connections = sessionSettings.isEmpty() ? main : withSettings(main, sessionSettings);
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(unpooled(connections))
                .name(name)
                .initialSize(0)
                .maxSize(maxSize)
                .maxIdleTime(maxIdleTime)
                .build());
        new ConnectionPoolMetrics(pool, name, Tags.empty()).bindTo(registry);
        return pool;
    }

    /** A factory with the main factory's options, its connection parameters merged with {@code settings}. */
    private static ConnectionFactory withSettings(ConnectionFactory main, Map<String, String> settings) {
        ConnectionFactoryBuilder builder = ConnectionFactoryBuilder.derivedFrom(main);
        Map<String, String> parameters = new LinkedHashMap<>(
                parameters(builder.buildOptions().getValue(PostgresqlConnectionFactoryProvider.OPTIONS)));
        parameters.putAll(settings);
        return builder.configure(options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS, parameters))
                .build();
    }

    /** Connection parameters as the driver accepts them: a map, or {@code key=value;key=value} from a URL. */
    private static Map<String, String> parameters(@Nullable Object configured) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (configured instanceof Map<?, ?> map) {
            map.forEach((key, value) -> parameters.put(key.toString(), value.toString()));
        } else if (configured != null) {
            for (String pair : configured.toString().split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }

    /** The factory's own connections, without the main pool. */
    private static ConnectionFactory unpooled(ConnectionFactory connections) {
        return connections instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner
                : connections;
    }
}
