package dev.parley.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ParleyIntegrationTest;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Dates and times through the server's own connections (binary results, {@link BinaryTimeCodec}) against what
 * PostgreSQL itself says they are: before 2000 with fractions, before the Gregorian reform, before 1970, infinity.
 */
@ParleyIntegrationTest
class BinaryTimeCodecIntegrationTests {

    private static final List<String> LOCAL_TIMES = List.of(
            "1999-12-31T23:59:58.123456",
            "1999-12-31T23:59:59.999999",
            "2000-01-01T00:00:00",
            "1969-12-31T23:59:59.5",
            "1500-02-28T12:00:00.000001",
            "0001-01-01T00:00:00",
            "2024-03-12T09:18:00.000500",
            "9999-12-31T23:59:59.999999");

    @Autowired
    DatabaseClient database;

    @Test
    void read_givenTimestampsOfEveryEra_decodesWhatPostgresStores() {
        for (String text : LOCAL_TIMES) {
            LocalDateTime local = LocalDateTime.parse(text);
            Instant instant = local.toInstant(ZoneOffset.UTC);

            Map<String, Object> typed = one(
                    "SELECT CAST(:t AS timestamp) AS local, CAST(:t || 'Z' AS timestamptz) AS instant,"
                            + " CAST(:t AS timestamp)::date AS day",
                    text,
                    row -> Map.of(
                            "local", row.get("local", LocalDateTime.class),
                            "instant", row.get("instant", Instant.class),
                            "offset", row.get("instant", OffsetDateTime.class),
                            "day", row.get("day", LocalDate.class)));
            assertThat(typed)
                    .as(text)
                    .containsEntry("local", local)
                    .containsEntry("instant", instant)
                    .containsEntry("offset", instant.atOffset(ZoneOffset.UTC))
                    .containsEntry("day", local.toLocalDate());

            // untyped reads (Row.get(name), DatabaseClient.fetch()) get the driver's types, decoded the same way
            Map<String, Object> untyped = database.sql("SELECT CAST(:t AS timestamp) AS local,"
                            + " CAST(:t || 'Z' AS timestamptz) AS instant, CAST(:t AS timestamp)::date AS day")
                    .bind("t", text)
                    .fetch()
                    .one()
                    .block(Duration.ofSeconds(10));
            assertThat(untyped)
                    .as(text)
                    .containsEntry("local", local)
                    .containsEntry("instant", instant.atOffset(ZoneOffset.UTC))
                    .containsEntry("day", local.toLocalDate());
        }
    }

    @Test
    void bind_givenTimesOfEveryEra_storesWhatTheTextWouldStore() {
        for (String text : LOCAL_TIMES) {
            LocalDateTime local = LocalDateTime.parse(text);
            Boolean same = database.sql("SELECT :local = CAST(:t AS timestamp) AND :instant = CAST(:t || 'Z' AS"
                            + " timestamptz) AND :day = CAST(:t AS timestamp)::date AS same")
                    .bind("local", local)
                    .bind("instant", local.toInstant(ZoneOffset.UTC))
                    .bind("day", local.toLocalDate())
                    .bind("t", text)
                    .map(row -> row.get("same", Boolean.class))
                    .one()
                    .block(Duration.ofSeconds(10));
            assertThat(same).as(text).isTrue();
        }
    }

    @Test
    void bindAndRead_givenNanoseconds_roundToTheNearestMicrosecondAsPostgresDoes() {
        Instant instant = Instant.parse("1999-12-31T23:59:59.1234565Z");

        Instant read = database.sql("SELECT CAST(:at AS timestamptz) AS at")
                .bind("at", instant)
                .map(row -> row.get("at", Instant.class))
                .one()
                .block(Duration.ofSeconds(10));

        assertThat(read).isEqualTo(Instant.parse("1999-12-31T23:59:59.123457Z"));
    }

    @Test
    void readAndBind_givenInfinity_isTheTypesMaximumAndMinimum() {
        // with a parameter: only the extended protocol returns binary (a statement without one returns text)
        Map<String, Object> read = database.sql("SELECT CAST(:plus AS timestamp) AS local,"
                        + " CAST(:minus AS timestamptz) AS instant, CAST(:plus AS date) AS day")
                .bind("plus", "infinity")
                .bind("minus", "-infinity")
                .map(row -> Map.<String, Object>of(
                        "local", row.get("local", LocalDateTime.class),
                        "instant", row.get("instant", Instant.class),
                        "day", row.get("day", LocalDate.class)))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(read)
                .containsEntry("local", LocalDateTime.MAX)
                .containsEntry("instant", Instant.MIN)
                .containsEntry("day", LocalDate.MAX);

        Boolean infinite = database.sql("SELECT NOT isfinite(CAST(:local AS timestamp))"
                        + " AND NOT isfinite(CAST(:instant AS timestamptz)) AS infinite")
                .bind("local", LocalDateTime.MIN)
                .bind("instant", Instant.MAX)
                .map(row -> row.get("infinite", Boolean.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(infinite).isTrue();
    }

    @Test
    void bindNull_givenATimeType_bindsNull() {
        Boolean nulls = database.sql(
                        "SELECT CAST(:local AS timestamp) IS NULL AND CAST(:instant AS timestamptz) IS NULL"
                                + " AND CAST(:day AS date) IS NULL AS nulls")
                .bindNull("local", LocalDateTime.class)
                .bindNull("instant", Instant.class)
                .bindNull("day", LocalDate.class)
                .map(row -> row.get("nulls", Boolean.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(nulls).isTrue();
    }

    private Map<String, Object> one(String sql, String text, Function<Readable, Map<String, Object>> read) {
        return database.sql(sql).bind("t", text).map(read::apply).one().block(Duration.ofSeconds(10));
    }
}
