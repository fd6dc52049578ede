package dev.parley.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 text of the message JSON ({@code Instant.toString()}, {@code LocalDateTime.toString()}) as PostgreSQL's
 * binary timestamp: microseconds since 2000-01-01T00:00 (UTC for {@code timestamptz}). Fractions are rounded to the
 * nearest microsecond (PostgreSQL keeps no finer). The shapes those methods write for years 0000-9999 are read
 * directly; anything else goes through {@code java.time}. Runs twice per stored message, hence no formatter.
 */
final class PgTimestamps {

    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final LocalDateTime POSTGRES_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private PgTimestamps() {}

    /** {@code 2024-03-12T08:17:00Z} (an instant) as {@code timestamptz} microseconds. */
    static long instant(String iso) {
        int end = iso.length() - 1;
        if (end > 15 && iso.charAt(end) == 'Z') {
            long micros = local(iso, end);
            if (micros != Long.MIN_VALUE) {
                return micros;
            }
        }
        return ChronoUnit.MICROS.between(POSTGRES_EPOCH.toInstant(ZoneOffset.UTC), roundedToMicros(Instant.parse(iso)));
    }

    /** {@code 2024-03-12T09:17} (a local date-time) as {@code timestamp} microseconds. */
    static long localDateTime(String iso) {
        long micros = local(iso, iso.length());
        if (micros != Long.MIN_VALUE) {
            return micros;
        }
        LocalDateTime parsed = LocalDateTime.parse(iso);
        return ChronoUnit.MICROS.between(POSTGRES_EPOCH, parsed.plusNanos(roundingNanos(parsed.getNano())));
    }

    /** {@code uuuu-MM-ddTHH:mm[:ss[.f…]]} in {@code iso[0, end)}, or {@code Long.MIN_VALUE} for any other shape. */
    private static long local(String iso, int end) {
        if (end < 16
                || iso.charAt(4) != '-'
                || iso.charAt(7) != '-'
                || iso.charAt(10) != 'T'
                || iso.charAt(13) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(iso, 0, 4);
        int month = digits(iso, 5, 2);
        int day = digits(iso, 8, 2);
        int hour = digits(iso, 11, 2);
        int minute = digits(iso, 14, 2);
        int second = 0;
        long nanos = 0;
        int at = 16;
        if (at < end) {
            if (iso.charAt(at) != ':' || at + 3 > end) {
                return Long.MIN_VALUE;
            }
            second = digits(iso, at + 1, 2);
            at += 3;
            if (at < end) {
                int fractionDigits = end - at - 1;
                if (iso.charAt(at) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                    return Long.MIN_VALUE;
                }
                int fraction = digits(iso, at + 1, fractionDigits);
                if (fraction < 0) {
                    return Long.MIN_VALUE;
                }
                nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
            }
        }
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long secondOfDay = hour * 3600L + minute * 60L + second;
        return (epochDay - POSTGRES_EPOCH_DAY) * MICROS_PER_DAY + secondOfDay * 1_000_000L + (nanos + 500) / 1000;
    }

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static Instant roundedToMicros(Instant instant) {
        return instant.plusNanos(roundingNanos(instant.getNano())).truncatedTo(ChronoUnit.MICROS);
    }

    private static long roundingNanos(int nanos) {
        return nanos % 1000 >= 500 ? 1000 - nanos % 1000 : -(nanos % 1000);
    }
}
