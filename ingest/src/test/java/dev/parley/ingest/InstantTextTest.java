package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InstantTextTest {

    @Property(tries = 5_000)
    void of_givenAnyInstant_writesWhatToStringWrites(@ForAll("instants") Instant instant) {
        assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }

    @Example
    void of_givenTheEdgesOfEachShape_writesWhatToStringWrites() {
        for (String text : new String[] {
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.999Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T12:00:00.000001Z",
            "2024-12-31T22:59:00Z",
            "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
        }) {
            Instant instant = Instant.parse(text);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString()).isEqualTo(text);
        }
        assertThat(InstantText.of(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(InstantText.of(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    /** Seconds over and beyond years 0000–9999; nanos whole, in milli- and microseconds, and any. */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400),
                Arbitraries.longs().between(1_400_000_000L, 1_800_000_000L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(milli -> milli * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(micro -> micro * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
