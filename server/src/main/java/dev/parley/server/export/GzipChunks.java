package dev.parley.server.export;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import reactor.core.publisher.Flux;

/**
 * A streaming gzip encoder over byte chunks: each chunk is deflated as it arrives (the deflater keeps at most its
 * window), and the gzip trailer follows the last one. The deflater is released on completion, error and
 * cancellation. CPU only, no blocking; safe on an event loop.
 */
final class GzipChunks {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private GzipChunks() {}

    static Flux<byte[]> gzip(Flux<byte[]> chunks) {
        return Flux.using(
                State::new,
                state -> Flux.just(HEADER)
                        .concatWith(chunks.map(state::deflate).filter(bytes -> bytes.length > 0))
                        .concatWith(Flux.defer(() -> Flux.just(state.finish()))),
                State::close);
    }

    private static final class State {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[16 * 1024];

        byte[] deflate(byte[] chunk) {
            crc.update(chunk);
            deflater.setInput(chunk);
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length / 2 + 64);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }

        byte[] finish() {
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, (int) deflater.getBytesRead());
            return out.toByteArray();
        }

        private static void writeIntLe(ByteArrayOutputStream out, int value) {
            out.write(value);
            out.write(value >>> 8);
            out.write(value >>> 16);
            out.write(value >>> 24);
        }

        void close() {
            deflater.end();
        }
    }
}
