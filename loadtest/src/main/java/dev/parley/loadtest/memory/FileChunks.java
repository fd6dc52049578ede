package dev.parley.loadtest.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Flux;

/**
 * A file as a cold {@code Flux} of fresh chunks, read one per request — the shape in which the server hands
 * an upload to the parser. Reading blocks, so subscribe from a thread that may block (a {@code main}).
 */
public final class FileChunks {

    private FileChunks() {}

    public static Flux<ByteBuffer> read(Path file, int chunkBytes) {
        return Flux.using(
                () -> FileChannel.open(file, StandardOpenOption.READ),
                channel -> Flux.generate(sink -> {
                    ByteBuffer chunk = ByteBuffer.allocate(chunkBytes);
                    try {
                        while (chunk.hasRemaining() && channel.read(chunk) >= 0) {
                            // fill the chunk unless the file ends
                        }
                    } catch (IOException e) {
                        sink.error(new UncheckedIOException(e));
                        return;
                    }
                    chunk.flip();
                    if (chunk.hasRemaining()) {
                        sink.next(chunk);
                    } else {
                        sink.complete();
                    }
                }),
                FileChunks::close);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
