package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Chunks larger than {@link ParseSession#SLICE_BYTES} are parsed a slice at a time, with the same result. */
class SlicedParsingTest {

    private static final ChatParser PARSER = ChatParser.create(ParseOptions.defaults());

    /** Non-Latin text (2-, 3- and 4-byte sequences) with ill-formed UTF-8 in between, over many slices. */
    private static byte[] mixedExport(int messages) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            out.writeBytes(("01/01/21, 00:" + (10 + i % 50) + " - Алёна " + (i % 7) + ": привет 你好 😀 é " + i + " ")
                    .getBytes(StandardCharsets.UTF_8));
            switch (i % 5) {
                case 0 -> out.writeBytes(new byte[] {'x', (byte) 0xD0, 'y'});
                case 1 -> out.writeBytes(new byte[] {(byte) 0xE4, (byte) 0xB8, 'z'});
                case 2 -> out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case 3 -> out.writeBytes(new byte[] {(byte) 0x80, (byte) 0xC0, (byte) 0xAF});
                default -> out.writeBytes("ok".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\nзаключение\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void parse_givenOneChunkOfManySlices_yieldsTheSameEventsAsSmallChunks() {
        byte[] bytes = mixedExport(4_000);
        assertThat(bytes.length).isGreaterThan(10 * ParseSession.SLICE_BYTES);
        Object expected = Parsing.outcome(PARSER, Parsing.chunks(bytes, 1_000));

        assertThat(Parsing.outcome(PARSER, Flux.just(ByteBuffer.wrap(bytes)))).isEqualTo(expected);
        assertThat(Parsing.outcome(PARSER, Flux.just(ByteBuffer.wrap(bytes).asReadOnlyBuffer())))
                .isEqualTo(expected);
        assertThat(Parsing.outcome(PARSER, Parsing.split(bytes, 5_000, 300_000)))
                .isEqualTo(expected);
    }

    @Test
    void parse_givenIllFormedUtf8BetweenNonLatinText_replacesEachMaximalSubpart() {
        List<ParseEvent> events = Parsing.parse(ParseOptions.defaults(), Flux.just(ByteBuffer.wrap(mixedExport(5))));

        List<String> texts =
                Parsing.messages(events).stream().map(ChatMessage::text).toList();
        String common = "привет 你好 😀 é ";
        assertThat(texts)
                .containsExactly(
                        common + "0 x\uFFFDy\nзаключение",
                        common + "1 \uFFFDz\nзаключение",
                        common + "2 \uFFFD\uFFFD\uFFFD\nзаключение",
                        common + "3 \uFFFD\uFFFD\uFFFD\nзаключение",
                        common + "4 ok\nзаключение");
        assertThat(Parsing.report(events).invalidUtf8Replacements()).isEqualTo(1 + 1 + 3 + 3);
    }

    @Test
    void parse_givenOneBigChunk_emitsMessagesAsRequestedThenTheReport() {
        byte[] bytes = mixedExport(4_000);

        PARSER.parse(Flux.just(ByteBuffer.wrap(bytes).asReadOnlyBuffer()))
                .as(publisher -> StepVerifier.create(publisher, 0))
                .thenRequest(1)
                .expectNextMatches(ChatMessage.class::isInstance)
                .thenRequest(3_998)
                .expectNextCount(3_998)
                .thenRequest(2)
                .expectNextMatches(ChatMessage.class::isInstance)
                .expectNextMatches(ParseReport.class::isInstance)
                .verifyComplete();
    }

    @Test
    void parse_givenMalformedJsonLateInOneBigChunk_emitsTheEarlierMessagesThenFails() {
        var json = new StringBuilder("{\"name\": \"x\", \"type\": \"personal_chat\", \"id\": 1, \"messages\": [");
        for (int i = 0; i < 2_000; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\": ")
                    .append(i)
                    .append(", \"type\": \"message\", \"date\": \"2021-01-01T12:01:00\", \"date_unixtime\":"
                            + " \"1609502460\", \"from\": \"Alice\", \"from_id\": \"user1\", \"text\": \"Привет ")
                    .append(i)
                    .append("\"}");
        }
        json.append(", {\"id\": }");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(4 * ParseSession.SLICE_BYTES);

        PARSER.parse(Flux.just(ByteBuffer.wrap(bytes)))
                .as(StepVerifier::create)
                .expectNextCount(2_000)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(
                                ParseException.class,
                                e -> assertThat(e.reason()).isEqualTo(ParseException.Reason.MALFORMED_JSON)))
                .verify();
    }
}
