package dev.parley.loadtest.benchmarks;

import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.TextMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text of a message's {@code sentAt}: {@link Instant#toString()} (the JDK's {@code ISO_INSTANT} formatter) next to
 * {@link MessageCodec#sentAtText}, and the whole message JSON around it, per call. The instants are whole seconds
 * over six years, as parsed exports have them; a call takes the next of 1,024.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class InstantTextBenchmark {

    private static final int COUNT = 1 << 10;

    private final Instant[] instants = new Instant[COUNT];
    private final TextMessage[] messages = new TextMessage[COUNT];
    private int next;

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(42);
        long start = Instant.parse("2016-01-04T00:00:00Z").getEpochSecond();
        for (int i = 0; i < COUNT; i++) {
            Instant at = Instant.ofEpochSecond(start + random.nextLong(6L * 365 * 86_400));
            instants[i] = at;
            messages[i] = new TextMessage(
                    i,
                    LocalDateTime.ofInstant(at, ZoneOffset.UTC),
                    at,
                    "Алексей",
                    "See you at 8, bring the photos 📷 of the trip",
                    false,
                    null,
                    null);
        }
    }

    @Benchmark
    public String instantToString() {
        return instants[next++ & (COUNT - 1)].toString();
    }

    @Benchmark
    public String sentAtText() {
        return MessageCodec.sentAtText(instants[next++ & (COUNT - 1)]);
    }

    @Benchmark
    public byte[] messageJson() {
        return MessageCodec.toJson(messages[next++ & (COUNT - 1)]);
    }
}
