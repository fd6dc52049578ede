package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any chunking of the input yields identical events (or the same error). */
class ChunkingPropertiesTest {

    static final List<String> SMALL_FIXTURES = List.of(
            "whatsapp/android-24h-dmy.txt",
            "whatsapp/android-bom-crlf.txt",
            "whatsapp/ios-24h-dmy.txt",
            "whatsapp/ios-12h-mdy.txt",
            "whatsapp/android-12h-mdy.txt",
            "whatsapp/android-es-ampm.txt",
            "whatsapp/android-ko.txt",
            "whatsapp/invalid-date.txt");

    private static final ChatParser PARSER = ChatParser.create(ParseOptions.defaults());

    @Example
    void parse_givenEverySingleSplitOffset_yieldsIdenticalEvents() {
        for (byte[] bytes : smallInputs()) {
            Object whole = Parsing.outcome(PARSER, Parsing.split(bytes));
            for (int offset = 1; offset < bytes.length; offset++) {
                assertThat(Parsing.outcome(PARSER, Parsing.split(bytes, offset)))
                        .as("split at %d", offset)
                        .isEqualTo(whole);
            }
        }
    }

    @Example
    void parse_givenOneByteChunks_yieldsIdenticalEvents() {
        for (byte[] bytes : smallInputs()) {
            assertThat(Parsing.outcome(PARSER, Parsing.chunks(bytes, 1)))
                    .isEqualTo(Parsing.outcome(PARSER, Parsing.split(bytes)));
        }
    }

    @Property(tries = 40)
    void parse_givenRandomSplitsOfALargeExport_yieldsIdenticalEvents(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 1_000_000) Integer> offsets) {
        byte[] bytes = LARGE;
        int[] sorted = new TreeSet<>(
                        offsets.stream().map(o -> o % (LARGE.length - 1) + 1).toList())
                .stream().mapToInt(Integer::intValue).toArray();

        assertThat(Parsing.outcome(PARSER, Parsing.split(bytes, sorted))).isEqualTo(LARGE_OUTCOME);
    }

    @Property(tries = 30)
    void parse_givenRandomChunkSizes_yieldsIdenticalEvents(@ForAll("chunkSizes") int size) {
        assertThat(Parsing.outcome(PARSER, Parsing.chunks(LARGE, size))).isEqualTo(LARGE_OUTCOME);
    }

    @Example
    void largeExport_parsesIntoThousandsOfMessages() {
        assertThat(LARGE_OUTCOME)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(300 * 17 + 1);
    }

    @Provide
    Arbitrary<Integer> chunkSizes() {
        return Arbitraries.integers().between(1, 70_000);
    }

    static List<byte[]> smallInputs() {
        var inputs = new java.util.ArrayList<byte[]>();
        for (String name : SMALL_FIXTURES) {
            inputs.add(Parsing.resource(name));
        }
        String ko = new String(Parsing.resource("whatsapp/android-ko.txt"), StandardCharsets.UTF_8);
        inputs.add(("\uFEFF" + ko).getBytes(StandardCharsets.UTF_16LE));
        byte[] invalid = "31/12/20, 23:59 - A: caf\u00e9 \u20ac \uD83D\uDE00 ok\n".getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 12] = (byte) 0xE2; // euro sign lead byte kept, next byte broken below
        invalid[invalid.length - 11] = (byte) 0x28;
        inputs.add(invalid);
        inputs.add(new byte[0]);
        inputs.add("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        return inputs;
    }

    static final byte[] LARGE;
    static final Object LARGE_OUTCOME;

    static {
        var out = new ByteArrayOutputStream();
        byte[] android = Parsing.resource("whatsapp/android-24h-dmy.txt");
        for (int i = 0; i < 300; i++) {
            out.writeBytes(android);
            out.writeBytes(
                    ("01/01/21, 00:06 - Zoë " + i + ": ünïcödé 😀 line\ncontinued\n").getBytes(StandardCharsets.UTF_8));
        }
        LARGE = out.toByteArray();
        LARGE_OUTCOME = Parsing.outcome(PARSER, Parsing.split(LARGE));
    }
}
