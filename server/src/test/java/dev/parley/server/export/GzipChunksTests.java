package dev.parley.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class GzipChunksTests {

    @Test
    void gzip_givenManyChunks_isReadableByGzipInputStream() throws IOException {
        Random random = new Random(42);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        List<byte[]> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] chunk = ("line " + i + " " + random.nextInt() + "\n")
                    .repeat(1 + random.nextInt(50))
                    .getBytes();
            chunks.add(chunk);
            plain.write(chunk);
        }

        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        GzipChunks.gzip(Flux.fromIterable(chunks)).toIterable().forEach(gzipped::writeBytes);

        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.toByteArray());
        }
    }

    @Test
    void gzip_honoursDemand() {
        Flux<byte[]> chunks = Flux.range(0, 1_000).map(i -> ("chunk " + i).getBytes());
        StepVerifier.create(GzipChunks.gzip(chunks), 1)
                .expectNextCount(1)
                .thenRequest(1)
                .expectNextCount(1)
                .thenCancel()
                .verify();
    }
}
