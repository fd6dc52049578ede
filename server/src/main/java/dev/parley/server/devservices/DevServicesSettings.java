package dev.parley.server.devservices;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * What the environment configures: {@code PARLEY_DB_URL} ({@code parley.db.url}) and {@code PARLEY_KAFKA_BOOTSTRAP}
 * ({@code parley.kafka.bootstrap}), or Spring's own {@code spring.r2dbc.url}. What is not configured is started.
 */
record DevServicesSettings(
        boolean enabled, Path home, boolean needsPostgres, boolean needsKafka, Map<String, Object> externalProperties) {

    static DevServicesSettings from(Environment env) {
        Map<String, Object> external = new HashMap<>();
        String dbUrl = env.getProperty("parley.db.url");
        if (dbUrl != null && !dbUrl.isBlank()) {
            external.putAll(DatabaseUrls.of(
                            dbUrl,
                            env.getProperty("parley.db.username", "parley"),
                            env.getProperty("parley.db.password", ""))
                    .springProperties());
        }
        boolean dbConfigured = !external.isEmpty() || env.containsProperty("spring.r2dbc.url");
        boolean kafkaConfigured = !env.getProperty("parley.kafka.bootstrap", "").isBlank();
        return new DevServicesSettings(
                env.getProperty("parley.dev-services.enabled", Boolean.class, true),
                Path.of(env.getProperty("parley.home", ".parley"))
                        .toAbsolutePath()
                        .normalize(),
                !dbConfigured,
                !kafkaConfigured,
                external);
    }
}
