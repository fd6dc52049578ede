package dev.parley.loadtest.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.ParseOptions;
import dev.parley.loadtest.generator.ExportFormat;
import dev.parley.loadtest.generator.ExportStyle;
import dev.parley.loadtest.generator.GeneratedFile;
import dev.parley.loadtest.generator.GeneratorOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * Single-thread throughput of the ingest parser on a generated export held in memory as 1 MB buffers (the
 * chunk size the server feeds). One operation parses the whole file; the {@code megabytes} and
 * {@code messages} counters are reported per second, i.e. MB/s (MB = 2^20 bytes) and messages/s;
 * {@code cpuSeconds} and {@code megabytesParsed} are per-iteration totals for MB per CPU-second. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} divided by the message count is the allocation per message.
 *
 * <p>The fork runs the throughput collector that Parley is deployed with ({@code k8s/parley.yaml}): G1's write
 * barriers cost the parsing thread itself about 7 %, and a parse keeps almost nothing alive across collections.
 *
 * <p>The export is generated once into {@code target/benchmark-data/} beside the jar and reused.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@State(Scope.Benchmark)
public class ParserBenchmark {

    private static final int CHUNK_BYTES = 1 << 20;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Param({"android24", "ios"})
    public String style;

    /** {@code txt}; {@code zip} (the chat text with a few media files, spooled to a temporary file as the server does) or {@code telegram} (result.json). */
    @Param("txt")
    public String format;

    @Param("100")
    public int sizeMb;

    private final ChatParser parser = ChatParser.create(ParseOptions.defaults());
    private List<ByteBuffer> chunks = List.of();
    private double megabytes;
    private long expectedMessages;

    @Setup(Level.Trial)
    public void generate() throws IOException, URISyntaxException {
        GeneratorOptions options = GeneratorOptions.defaults()
                .withStyle(ExportStyle.fromCliName(style))
                .withFormat(ExportFormat.fromCliName(format))
                .withSeed(42)
                .withTargetBytes((long) sizeMb << 20);
        GeneratedFile file = GeneratedFile.ensure(dataDirectory(), options);
        chunks = load(file.path());
        megabytes = file.bytes() / (double) (1 << 20);
        expectedMessages = file.messages();
    }

    @Benchmark
    public long parse(Rates rates, CpuTime cpu) {
        long cpuBefore = PROCESS.getProcessCpuTime();
        // every event but the final report is a message; counting them all spares the measurement a type test
        Long events = parser.parse(Flux.fromIterable(chunks).map(ByteBuffer::duplicate))
                .count()
                .block();
        long messages = events == null ? -1 : events - 1;
        if (messages != expectedMessages) {
            throw new IllegalStateException("parsed " + messages + " messages, generated " + expectedMessages);
        }
        cpu.cpuSeconds += (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9;
        cpu.megabytesParsed += megabytes;
        rates.megabytes += megabytes;
        rates.messages += messages;
        return messages;
    }

    /** Per-iteration totals that JMH turns into rates: MB/s and messages/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public double megabytes;
        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
            messages = 0;
        }
    }

    /**
     * Per-iteration totals of the JVM's CPU time (all threads: the parse, GC, JIT) and of the data parsed in
     * it. On a shared machine, MB per CPU-second moves far less with other people's load than MB/s does.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public double cpuSeconds;
        public double megabytesParsed;

        @Setup(Level.Iteration)
        public void reset() {
            cpuSeconds = 0;
            megabytesParsed = 0;
        }
    }

    private static List<ByteBuffer> load(Path file) throws IOException {
        List<ByteBuffer> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            while (true) {
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
                while (chunk.hasRemaining() && channel.read(chunk) >= 0) {
                    // fill the chunk unless the file ends
                }
                chunk.flip();
                if (!chunk.hasRemaining()) {
                    return List.copyOf(chunks);
                }
                chunks.add(chunk.asReadOnlyBuffer());
            }
        }
    }

    /** {@code target/benchmark-data} beside the jar or the classes directory this runs from. */
    static Path dataDirectory() throws URISyntaxException {
        String configured = System.getProperty("parley.benchmark.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path codeSource = Path.of(ParserBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return codeSource.getParent().resolve("benchmark-data");
    }
}
