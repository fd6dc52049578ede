package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes an arriving ZIP archive to a temporary file (owner-only permissions), because the archive's table of
 * contents is at its end and the chat text may come before or after the media. Blocking I/O: called on
 * {@code boundedElastic} threads only. Bounded by {@link ParseLimits#maxArchiveBytes()}.
 */
final class ZipSpool {

    private final long maxBytes;
    private @Nullable Path path;
    private @Nullable FileChannel channel;
    private byte @Nullable [] kept;
    private long written;

    ZipSpool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Remembers the sniffed first bytes without I/O; they are written by the first blocking call. */
    void keep(byte[] b, int offset, int length) {
        count(length);
        kept = Arrays.copyOfRange(b, offset, offset + length);
    }

    void write(byte[] b, int offset, int length) {
        count(length);
        try {
            FileChannel out = open();
            ByteBuffer buffer = ByteBuffer.wrap(b, offset, length);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new ParseException(Reason.IO_ERROR, "The upload could not be stored for unpacking.", e);
        }
    }

    private void count(int length) {
        written += length;
        if (written > maxBytes) {
            throw new ParseException(
                    Reason.ARCHIVE_LIMIT_EXCEEDED,
                    "This ZIP archive is larger than the " + maxBytes / 1024 + " KB Parley accepts.");
        }
    }

    void finish() {
        try {
            open().close();
        } catch (IOException e) {
            throw new ParseException(Reason.IO_ERROR, "The upload could not be stored for unpacking.", e);
        }
    }

    Path path() {
        if (path == null) {
            throw new IllegalStateException("Nothing spooled");
        }
        return path;
    }

    void delete() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileChannel open() throws IOException {
        FileChannel out = channel;
        if (out == null) {
            Path file = Files.createTempFile("parley-upload-", ".zip");
            path = file;
            out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            channel = out;
            byte[] first = kept;
            kept = null;
            if (first != null) {
                ByteBuffer buffer = ByteBuffer.wrap(first);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        return out;
    }
}
