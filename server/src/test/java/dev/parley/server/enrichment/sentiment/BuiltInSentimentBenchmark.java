package dev.parley.server.enrichment.sentiment;

import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Built-in sentiment (language detection + VADER) on one thread of a JVM that sees one core: messages/s over
 * chat-like messages (emoji, links, German/Spanish/Russian lines). Run by loadtest/bin/enrichment-bench.sh, never
 * by the build's tests; see docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class BuiltInSentimentBenchmark {

    private static final List<String> TEMPLATES = List.of(
            "ok",
            "haha 😂😂",
            "see you at %d",
            "I love this so much!!!",
            "not bad at all",
            "that was sooo good, thank you %d times",
            "ugh, the train is late again 😭",
            "Can you send me the link? https://example.org/p/%d",
            "The food was great but the service was horrible",
            "lol no way",
            "Happy birthday!! ❤️🎉",
            "I'm not sure that's a good idea tbh",
            "Das ist wirklich gut, danke dir",
            "¿Dónde estás? Te espero en la plaza",
            "Привет! Как дела?",
            "WOW that is AMAZING news",
            "meh",
            "We should meet on Friday at %d, if that works for everyone in the group",
            "sorry I missed your call, I was driving",
            "👍");

    private final BuiltInSentimentAnalyzer analyzer = new BuiltInSentimentAnalyzer();
    private String[] corpus;
    private int next;

    @Setup
    public void corpus() {
        corpus = new String[100_000];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < corpus.length; i++) {
            String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            corpus[i] = template.contains("%d") ? template.formatted(random.nextInt(1000)) : template;
        }
    }

    /** One message scored (or marked unscored); the result is returned so JMH keeps it alive. */
    @Benchmark
    public SentimentResult analyze() {
        String text = corpus[next];
        next = next + 1 == corpus.length ? 0 : next + 1;
        return analyzer.analyze(text);
    }
}
