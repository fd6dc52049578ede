package dev.parley.server.enrichment.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void parse_givenSeconds_returnsThatDelay() {
        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void parse_givenHttpDate_returnsTimeUntilThen() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 12:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void parse_givenNothingReadable_returnsNull() {
        assertThat(RetryAfter.parse(null, clock)).isNull();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-3", clock)).isNull();
    }
}
