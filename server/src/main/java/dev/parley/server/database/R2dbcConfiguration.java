package dev.parley.server.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.extension.Extension;
import java.util.List;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Results in binary ({@code forceBinary}): a timestamp is eight bytes to read rather than text to parse, which was the
 * largest CPU cost of a message page (docs/performance.md, "Reads"). The driver's binary date and time decoding is
 * replaced by {@link BinaryTimeCodec}, registered on every new connection. Each connection keeps at most
 * {@value #STATEMENTS} prepared statements (the driver's default keeps every one it ever prepared); the server's SQL
 * comes in far fewer shapes, its values are bound.
 */
@Configuration(proxyBeanMethods = false)
class R2dbcConfiguration {

    static final int STATEMENTS = 256;

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer binaryResults() {
        CodecRegistrar timeCodecs = (connection, allocator, registry) -> Mono.fromRunnable(
                // addFirst: ahead of the driver's codecs for the same types
                () -> BinaryTimeCodec.all(allocator).reversed().forEach(registry::addFirst));
        return options -> options.option(PostgresqlConnectionFactoryProvider.FORCE_BINARY, true)
                .option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.<Extension>of(timeCodecs))
                .option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, STATEMENTS);
    }
}
