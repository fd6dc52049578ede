package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.ParseOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The generator and the ingest parser agree: every generated export parses to exactly the messages the
 * generator meant, kind by kind. Guards the benchmarks and load tests, which assume the two match.
 */
class GeneratedExportsParseTest {

    static List<Arguments> exports() {
        List<Arguments> exports = new ArrayList<>();
        for (ExportStyle style : ExportStyle.values()) {
            exports.add(Arguments.of(style, ExportFormat.TXT, false));
            exports.add(Arguments.of(style, ExportFormat.TXT, true));
            exports.add(Arguments.of(style, ExportFormat.ZIP, false));
        }
        exports.add(Arguments.of(ExportStyle.ANDROID_24H, ExportFormat.TELEGRAM_JSON, false));
        exports.add(Arguments.of(ExportStyle.IOS, ExportFormat.TELEGRAM_JSON, false)); // with calls
        return exports;
    }

    @ParameterizedTest(name = "{0} {1} crlf={2}")
    @MethodSource("exports")
    void parse_givenGeneratedExport_emitsTheGeneratedMessagesByKind(
            ExportStyle style, ExportFormat format, boolean crlf) throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults()
                .withStyle(style)
                .withFormat(format)
                .withCrlf(crlf)
                .withSeed(11)
                .withTargetBytes(512 * 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerationResult result = ExportGenerator.create(options).writeTo(out);

        ChatParser.create(ParseOptions.defaults())
                .parse(chunks(out.toByteArray(), 64 * 1024))
                .ofType(ChatMessage.class)
                .collect(Collectors.groupingBy(message -> message.kind().name(), TreeMap::new, Collectors.counting()))
                .as(StepVerifier::create)
                .assertNext(parsed -> assertThat(parsed).isEqualTo(expected(result)))
                .verifyComplete();
    }

    private static Map<String, Long> expected(GenerationResult result) {
        return result.countsByKind().entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .collect(
                        Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    private static Flux<ByteBuffer> chunks(byte[] bytes, int size) {
        return Flux.range(0, (bytes.length + size - 1) / size)
                .map(i -> ByteBuffer.wrap(bytes, i * size, Math.min(size, bytes.length - i * size)));
    }
}
