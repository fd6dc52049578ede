package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PgTimestampsTests {

    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void instant_ofWhatInstantToStringWrites_isMicrosSince2000() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 0001-01-01 .. 9999-12-31, a quarter each with whole seconds, millis, micros and nanos
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            assertThat(PgTimestamps.instant(instant.toString()))
                    .as(instant.toString())
                    .isEqualTo(expectedMicros(instant));
        }
    }

    @Test
    void localDateTime_ofWhatLocalDateTimeToStringWrites_isMicrosSince2000() {
        var random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
            // minute precision (written without seconds) is what most exports have
            if (i % 3 == 0) {
                seconds -= Math.floorMod(seconds, 60);
            }
            int nanos = i % 3 == 1 ? 0 : random.nextInt(1_000_000_000);
            LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, i % 3 == 0 ? 0 : nanos, ZoneOffset.UTC);

            assertThat(PgTimestamps.localDateTime(time.toString()))
                    .as(time.toString())
                    .isEqualTo(expectedMicros(time.toInstant(ZoneOffset.UTC)));
        }
    }

    @Test
    void instant_withAnOffsetOrAFiveDigitYear_isReadByJavaTime() {
        assertThat(PgTimestamps.instant("2024-03-12T09:17:00+01:00"))
                .isEqualTo(expectedMicros(Instant.parse("2024-03-12T08:17:00Z")));
        assertThat(PgTimestamps.instant("+10000-01-01T00:00:00Z"))
                .isEqualTo(expectedMicros(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void localDateTime_thatIsNotADate_fails() {
        assertThatThrownBy(() -> PgTimestamps.localDateTime("2023-02-29T10:00"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> PgTimestamps.localDateTime("2023-02-28 10:00"))
                .isInstanceOf(DateTimeParseException.class);
    }

    /** PostgreSQL rounds input to the nearest microsecond, half up. */
    private static long expectedMicros(Instant instant) {
        long micros = ChronoUnit.MICROS.between(POSTGRES_EPOCH, instant.truncatedTo(ChronoUnit.MICROS));
        return instant.getNano() % 1000 >= 500 ? micros + 1 : micros;
    }
}
