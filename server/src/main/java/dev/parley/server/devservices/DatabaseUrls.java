package dev.parley.server.devservices;

import java.net.URI;
import java.util.Map;

/**
 * One PostgreSQL location in the two URL dialects Parley needs: R2DBC for the application, JDBC for Flyway.
 * Accepts {@code postgresql://}, {@code jdbc:postgresql://} and {@code r2dbc:postgresql://} URLs.
 */
public record DatabaseUrls(String host, int port, String database, String query, String username, String password) {

    public static DatabaseUrls of(String url, String username, String password) {
        String plain = url.replaceFirst("^(jdbc:|r2dbc:)", "").replaceFirst("^postgres://", "postgresql://");
        if (!plain.startsWith("postgresql://")) {
            throw new IllegalArgumentException("PARLEY_DB_URL must look like postgresql://host:port/database");
        }
        URI uri = URI.create(plain);
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "parley"
                : uri.getPath().substring(1);
        String user = username;
        String secret = password;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            secret = parts.length > 1 ? parts[1] : password;
        }
        return new DatabaseUrls(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                database,
                uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery(),
                user,
                secret);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://%s:%d/%s%s".formatted(host, port, database, query);
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://%s:%d/%s%s".formatted(host, port, database, query);
    }

    Map<String, Object> springProperties() {
        return Map.of(
                "spring.r2dbc.url", r2dbcUrl(),
                "spring.r2dbc.username", username,
                "spring.r2dbc.password", password,
                "spring.flyway.url", jdbcUrl(),
                "spring.flyway.user", username,
                "spring.flyway.password", password);
    }
}
