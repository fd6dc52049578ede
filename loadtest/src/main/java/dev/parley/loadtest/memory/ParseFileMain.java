package dev.parley.loadtest.memory;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.ParseEvent;
import dev.parley.ingest.ParseOptions;
import dev.parley.ingest.ParseReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams a file through the ingest parser in 1 MB chunks and prints one JSON line: message count, speed and
 * heap figures. Meant to run in a JVM with a small {@code -Xmx}; exits 1 when parsing fails and 3 on
 * {@link OutOfMemoryError}.
 *
 * <p>usage: {@code java -Xmx128m -cp parley-benchmarks.jar dev.parley.loadtest.memory.ParseFileMain FILE}
 */
public final class ParseFileMain {

    private static final int CHUNK_BYTES = 1 << 20;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ParseFileMain FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        try {
            System.out.println(parse(file));
        } catch (OutOfMemoryError e) {
            System.err.println(
                    "OutOfMemoryError with -Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
            System.exit(3);
        }
    }

    static String parse(Path file) throws Exception {
        AtomicLong messages = new AtomicLong();
        AtomicReference<ParseReport> report = new AtomicReference<>();
        long start;
        long nanos;
        long peakUsed;
        long maxLive;
        long maxLiveAfterMajor;
        long collections;
        long majorCollections;
        try (HeapWatch heap = new HeapWatch()) {
            start = System.nanoTime();
            ChatParser.create(ParseOptions.defaults())
                    .parse(FileChunks.read(file, CHUNK_BYTES))
                    .doOnNext(event -> count(event, messages, report))
                    .blockLast();
            nanos = System.nanoTime() - start;
            peakUsed = heap.peakUsedBytes();
            maxLive = heap.maxLiveAfterGcBytes();
            maxLiveAfterMajor = heap.maxLiveAfterMajorGcBytes();
            collections = heap.collections();
            majorCollections = heap.majorCollections();
        }
        if (report.get() == null) {
            throw new IllegalStateException("The parser completed without a ParseReport");
        }
        long bytes = Files.size(file);
        double seconds = nanos / 1e9;
        return String.format(
                Locale.ROOT,
                "{\"file\":\"%s\",\"bytes\":%d,\"messages\":%d,\"skippedLines\":%d,\"seconds\":%.2f,"
                        + "\"mbPerSecond\":%.1f,\"maxHeapBytes\":%d,\"peakHeapUsedBytes\":%d,"
                        + "\"maxHeapAfterGcBytes\":%d,\"maxLiveHeapAfterFullGcBytes\":%d,\"collections\":%d,"
                        + "\"fullCollections\":%d}",
                file.getFileName(),
                bytes,
                messages.get(),
                report.get().skippedLines(),
                seconds,
                bytes / (double) (1 << 20) / seconds,
                Runtime.getRuntime().maxMemory(),
                peakUsed,
                maxLive,
                maxLiveAfterMajor,
                collections,
                majorCollections);
    }

    /** instanceof rather than a pattern switch, whose type-switch bootstrap showed up in profiles. */
    private static void count(ParseEvent event, AtomicLong messages, AtomicReference<ParseReport> report) {
        if (event instanceof ChatMessage) {
            messages.incrementAndGet();
        } else if (event instanceof ParseReport last) {
            report.set(last);
        }
    }

    private ParseFileMain() {}
}
