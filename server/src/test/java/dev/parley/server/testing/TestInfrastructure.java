package dev.parley.server.testing;

import dev.parley.server.devservices.KafkaDevService;
import dev.parley.server.devservices.PostgresDevService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, started by the same dev-service code the server uses,
 * shared by all test classes. Each test class gets its own database, cloned from a migrated template, and its own
 * topic prefix, so classes never see each other's data.
 */
public final class TestInfrastructure implements AutoCloseable {

    private static final String TEMPLATE = "parley_template";
    private static final Path HOME = Path.of("target", "test-infrastructure").toAbsolutePath();
    private static volatile TestInfrastructure shared;

    private final PostgresDevService postgres;
    private final KafkaDevService kafka;
    private final AtomicInteger databases = new AtomicInteger();

    private TestInfrastructure(PostgresDevService postgres, KafkaDevService kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** The JVM's infrastructure, started on first use. */
    public static TestInfrastructure shared() {
        TestInfrastructure result = shared;
        if (result == null) {
            synchronized (TestInfrastructure.class) {
                result = shared;
                if (result == null) {
                    shared = result = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-infrastructure-stop"));
                }
            }
        }
        return result;
    }

    private static TestInfrastructure start() {
        deleteRecursively(HOME);
        // Tests trade durability for speed: nothing here must survive a crash.
        var postgres = CompletableFuture.supplyAsync(() -> PostgresDevService.start(
                HOME.resolve("postgres"),
                Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off")));
        var kafka = CompletableFuture.supplyAsync(() -> KafkaDevService.start(HOME.resolve("kafka")));
        PostgresDevService pg = postgres.join();
        pg.createDatabase(TEMPLATE);
        Flyway.configure()
                .dataSource(pg.jdbcUrl(TEMPLATE), pg.user(), "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new TestInfrastructure(pg, kafka.join());
    }

    /** A new database cloned from the migrated template; its URL in {@code postgresql://} form. */
    public String newDatabaseUrl(String hint) {
        String name = "t%d_%s"
                .formatted(databases.incrementAndGet(), hint.toLowerCase().replaceAll("[^a-z0-9]", ""));
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        postgres.createDatabase(name, TEMPLATE);
        return "postgresql://localhost:%d/%s".formatted(postgres.port(), name);
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String databaseUser() {
        return postgres.user();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
