package dev.parley.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;

/** Test helpers: fixtures, chunking and collecting parse results. */
final class Parsing {

    private Parsing() {}

    static byte[] resource(String name) {
        try (InputStream in = Parsing.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes cut at the given offsets (ascending), as separate heap buffers. */
    static Flux<ByteBuffer> split(byte[] bytes, int... offsets) {
        List<ByteBuffer> chunks = new ArrayList<>();
        int start = 0;
        for (int offset : offsets) {
            chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, offset)));
            start = offset;
        }
        chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, bytes.length)));
        return Flux.fromIterable(chunks);
    }

    static Flux<ByteBuffer> chunks(byte[] bytes, int size) {
        return Flux.range(0, (bytes.length + size - 1) / size)
                .map(i -> ByteBuffer.wrap(bytes, i * size, Math.min(size, bytes.length - i * size))
                        .slice());
    }

    static List<ParseEvent> parse(ParseOptions options, Flux<ByteBuffer> chunks) {
        return ChatParser.create(options).parse(chunks).collectList().block();
    }

    static List<ParseEvent> parse(byte[] bytes) {
        return parse(ParseOptions.defaults(), Flux.just(ByteBuffer.wrap(bytes)));
    }

    static List<ChatMessage> messages(List<ParseEvent> events) {
        return events.stream()
                .filter(ChatMessage.class::isInstance)
                .map(ChatMessage.class::cast)
                .toList();
    }

    static ParseReport report(List<ParseEvent> events) {
        return (ParseReport) events.getLast();
    }

    /** Outcome of a parse as comparable data: the events, or the error's reason. */
    static Object outcome(ChatParser parser, Flux<ByteBuffer> chunks) {
        try {
            return parser.parse(chunks).collectList().block();
        } catch (ParseException e) {
            return e.reason();
        }
    }
}
