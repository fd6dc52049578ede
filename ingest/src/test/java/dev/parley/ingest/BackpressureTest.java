package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class BackpressureTest {

    private static final byte[] LINE = "31/12/20, 23:59 - Alice: hello\n".getBytes(StandardCharsets.UTF_8);

    private static Flux<ByteBuffer> lines(int count, AtomicLong requested) {
        return Flux.range(0, count).map(i -> ByteBuffer.wrap(LINE)).doOnRequest(requested::addAndGet);
    }

    @Test
    void parse_givenSmallDemand_readsOnlyTheSniffWindowAndAChunkAhead() {
        var requested = new AtomicLong();
        byte[] kilobyte = new String(LINE, StandardCharsets.UTF_8).repeat(32).getBytes(StandardCharsets.UTF_8);
        Flux<ByteBuffer> chunks =
                Flux.range(0, 1_000).map(i -> ByteBuffer.wrap(kilobyte)).doOnRequest(requested::addAndGet);

        ChatParser.create(ParseOptions.defaults())
                .parse(chunks)
                .as(s -> StepVerifier.create(s, 0))
                .thenRequest(3)
                .expectNextCount(3)
                .then(() -> assertThat(requested.get()).isLessThan(10))
                .thenCancel()
                .verify();
    }

    @Test
    void parse_givenFullDemand_endsWithExactlyOneReport() {
        var requested = new AtomicLong();

        ChatParser.create(ParseOptions.defaults())
                .parse(lines(1_000, requested))
                .as(StepVerifier::create)
                .expectNextCount(1_000)
                .assertNext(last -> assertThat(((ParseReport) last).messages()).isEqualTo(1_000))
                .verifyComplete();
    }

    @Test
    void parse_givenOneBigChunk_emitsOnlyWhatIsRequested() {
        byte[] big = new String(LINE, StandardCharsets.UTF_8).repeat(5_000).getBytes(StandardCharsets.UTF_8);

        ChatParser.create(ParseOptions.defaults())
                .parse(Flux.just(ByteBuffer.wrap(big)))
                .as(s -> StepVerifier.create(s, 0))
                .thenRequest(10)
                .expectNextCount(10)
                .expectNoEvent(java.time.Duration.ZERO)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(4_990 + 1)
                .verifyComplete();
    }

    @Test
    void parse_givenZipCancelledMidway_deletesTheTemporaryFile() throws Exception {
        byte[] zip =
                ZipExportTest.zip(new String[] {"_chat.txt", new String(LINE, StandardCharsets.UTF_8).repeat(100)});
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = java.nio.file.Files.list(tmp)) {
            before = files.filter(p -> p.getFileName().toString().startsWith("parley-upload-"))
                    .count();
        }

        ChatParser.create(ParseOptions.defaults())
                .parse(Parsing.chunks(zip, 16))
                .as(s -> StepVerifier.create(s, 0))
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify();

        try (var files = java.nio.file.Files.list(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("parley-upload-"))
                            .count())
                    .isEqualTo(before);
        }
    }
}
