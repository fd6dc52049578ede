package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * One parse: sniffs the first {@value #SNIFF_BYTES} bytes, then routes the stream to the text pipeline
 * (UTF-8 sanitizer or UTF-16 transcoder, then the WhatsApp or Telegram parser) or, for ZIP input, to a
 * temporary file that is read when the upload is complete. Not thread-safe: the reactive pipeline calls it
 * serially.
 */
final class ParseSession implements AutoCloseable {

    static final int SNIFF_BYTES = 4096;
    /** Small enough that a slice's messages are still in the CPU cache when they are handed over. */
    static final int SLICE_BYTES = 32 * 1024;

    private final ParseContext context;
    private final boolean nested;
    private byte @Nullable [] sniff = new byte[SNIFF_BYTES];
    private int sniffed;
    private @Nullable ByteSink text;
    private @Nullable ZipSpool spool;
    private boolean failed;
    private byte @Nullable [] scratch;

    ParseSession(ParseOptions options) {
        this(new ParseContext(options), false);
    }

    /** @param nested input that came out of an archive, which is never expanded further */
    ParseSession(ParseContext context, boolean nested) {
        this.context = context;
        this.nested = nested;
    }

    /** Whether the next chunks go to a temporary file (blocking I/O, so the caller moves off the event loop). */
    boolean spooling() {
        return spool != null;
    }

    /**
     * The events a chunk completes. Until the input is routed the chunk is read at once (the routing decides
     * whether later chunks go to a blocking spool). Once routed to the text pipeline the chunk is parsed lazily,
     * {@value #SLICE_BYTES} bytes at a time as the events are iterated: each slice's messages are handed over
     * while they are still in the CPU cache, instead of a 1 MB chunk's worth being built before the first is
     * read. The iterables must be iterated in the order they were returned, each to its end, which is what a
     * concatenating operator does. The chunk's position is never changed.
     */
    Iterable<ParseEvent> feed(ByteBuffer chunk) {
        if (text != null && !failed) {
            context.bytes += chunk.remaining();
            return new Slices(chunk.duplicate());
        }
        if (failed) {
            return List.of();
        }
        try {
            context.bytes += chunk.remaining();
            if (chunk.hasArray()) {
                process(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            } else {
                ByteBuffer view = chunk.duplicate();
                byte[] buffer = scratch();
                while (view.hasRemaining()) {
                    int n = Math.min(view.remaining(), buffer.length);
                    view.get(buffer, 0, n);
                    process(buffer, 0, n);
                }
            }
        } catch (ParseException e) {
            failed = true;
            context.fail(e);
        }
        return ParseEvents.of(context.drain());
    }

    private byte[] scratch() {
        byte[] buffer = scratch;
        return buffer != null ? buffer : (scratch = new byte[SLICE_BYTES]);
    }

    /** Parses one slice of the chunk each time the events of the previous slice are used up. */
    private final class Slices implements Iterable<ParseEvent>, Iterator<ParseEvent> {

        private @Nullable ByteBuffer view;
        private List<Object> batch = List.of();
        private int index;

        Slices(ByteBuffer view) {
            this.view = view;
        }

        @Override
        public Iterator<ParseEvent> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            while (index >= batch.size()) {
                ByteBuffer v = view;
                if (v == null) {
                    return false;
                }
                if (failed || !v.hasRemaining()) {
                    view = null;
                    batch = List.of();
                    return false;
                }
                parseSlice(v);
                batch = context.drain();
                index = 0;
            }
            return true;
        }

        @Override
        public ParseEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ParseEvents.event(batch.get(index++));
        }

        private void parseSlice(ByteBuffer v) {
            int n = Math.min(v.remaining(), SLICE_BYTES);
            try {
                if (v.hasArray()) {
                    process(v.array(), v.arrayOffset() + v.position(), n);
                    v.position(v.position() + n);
                } else {
                    byte[] buffer = scratch();
                    v.get(buffer, 0, n);
                    process(buffer, 0, n);
                }
            } catch (ParseException e) {
                failed = true;
                view = null;
                context.fail(e);
            }
        }
    }

    /** End of input: the remaining events, then the report or the error. */
    Flux<ParseEvent> finish() {
        if (failed) {
            return Flux.empty();
        }
        try {
            if (text == null && spool == null) {
                decide();
            }
            ZipSpool zip = spool;
            if (zip != null) {
                zip.finish();
                return ZipArchiveReader.read(zip.path(), context);
            }
            return Flux.fromIterable(ParseEvents.of(finishText()));
        } catch (ParseException e) {
            failed = true;
            List<Object> out = context.drain();
            out.add(e);
            return Flux.fromIterable(ParseEvents.of(out));
        }
    }

    /** For archive entries: ends the text pipeline and returns the remaining events plus the report. */
    List<Object> finishText() {
        if (text == null) {
            decide();
        }
        if (text == null) {
            throw new IllegalStateException("A nested session never routes to a spool");
        }
        text.end();
        List<Object> out = context.drain();
        out.add(context.report());
        return out;
    }

    void process(byte[] b, int offset, int length) {
        ByteSink sink = text;
        if (sink != null) {
            sink.accept(b, offset, length);
            return;
        }
        ZipSpool zip = spool;
        if (zip != null) {
            zip.write(b, offset, length);
            return;
        }
        byte[] window = sniff;
        if (window == null) {
            throw new IllegalStateException("Session already routed");
        }
        int n = Math.min(length, SNIFF_BYTES - sniffed);
        System.arraycopy(b, offset, window, sniffed, n);
        sniffed += n;
        if (sniffed == SNIFF_BYTES) {
            decide();
            if (length > n) {
                process(b, offset + n, length - n);
            }
        }
    }

    private void decide() {
        byte[] b = sniff;
        int n = sniffed;
        sniff = null;
        if (b == null) {
            throw new IllegalStateException("Session already routed");
        }
        if (n == 0) {
            throw new ParseException(Reason.EMPTY_INPUT, "The file is empty.");
        }
        if (FileSniffer.starts(b, n, 'P', 'K', 3, 4) || FileSniffer.starts(b, n, 'P', 'K', 7, 8)) {
            if (nested) {
                throw new ParseException(
                        Reason.UNSUPPORTED_FILE_TYPE,
                        "The archive holds another ZIP archive where the chat should be; nested archives are"
                                + " not opened.");
            }
            context.archive = true;
            ZipSpool zip = new ZipSpool(context.limits.maxArchiveBytes());
            spool = zip;
            zip.keep(b, 0, n);
            return;
        }
        if (FileSniffer.starts(b, n, 'P', 'K', 5, 6)) {
            throw new ParseException(Reason.NO_CHAT_IN_ARCHIVE, "This ZIP archive is empty.");
        }
        ParseException known = FileSniffer.knownType(b, n);
        if (known != null) {
            throw known;
        }
        int skip = 0;
        int utf16 = 0;
        if (FileSniffer.starts(b, n, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (FileSniffer.starts(b, n, 0xFF, 0xFE)) {
            skip = 2;
            utf16 = 1;
        } else if (FileSniffer.starts(b, n, 0xFE, 0xFF)) {
            skip = 2;
            utf16 = 2;
        } else {
            utf16 = FileSniffer.utf16WithoutBom(b, n);
        }
        if (utf16 == 0 && FileSniffer.binary(b, n)) {
            throw new ParseException(
                    Reason.BINARY_DATA,
                    "This file contains binary data, not the text of a chat export. Upload the .txt or .zip"
                            + " from WhatsApp's \"Export chat\" or Telegram Desktop's result.json.");
        }
        boolean json = firstCharacter(b, skip, n, utf16) == '{';
        ChatFormat wanted = context.options.format();
        if (json && wanted == ChatFormat.WHATSAPP) {
            throw new ParseException(
                    Reason.FORMAT_MISMATCH,
                    "This is a JSON file (a Telegram export?), but a WhatsApp export was expected.");
        }
        if (!json && wanted == ChatFormat.TELEGRAM) {
            throw new ParseException(
                    Reason.FORMAT_MISMATCH,
                    "A Telegram Desktop JSON export was expected, but this file does not start with a JSON object.");
        }
        ByteSink parser = json ? new TelegramParser(context) : new WhatsAppParser(context);
        // WhatsApp text is validated as it is decoded (Utf8Text); Jackson wants well-formed UTF-8 up front
        ByteSink decoder = utf16 != 0
                ? new Utf16Transcoder(utf16 == 2, parser, context)
                : json ? new Utf8Sanitizer(parser, context) : parser;
        text = decoder;
        if (n > skip) {
            decoder.accept(b, skip, n - skip);
        }
    }

    private static int firstCharacter(byte[] b, int from, int n, int utf16) {
        int step = utf16 == 0 ? 1 : 2;
        int low = utf16 == 2 ? 1 : 0;
        for (int i = from; i + low < n; i += step) {
            int c = b[i + low] & 0xFF;
            int other = utf16 == 0 ? 0 : b[i + 1 - low] & 0xFF;
            if (other != 0) {
                return -1;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        ZipSpool zip = spool;
        if (zip != null) {
            zip.delete();
        }
    }
}
