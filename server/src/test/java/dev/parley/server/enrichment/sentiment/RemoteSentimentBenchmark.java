package dev.parley.server.enrichment.sentiment;

import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.enrichment.ScriptedServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Remote (TEI) mode at a limit of {@code rate} requests/s with batches of {@code batch} texts, eight callers
 * (and a bulkhead of {@code inFlight}) keeping calls in flight: the score is calls/s, so {@code score / rate} is the achieved share of R·B messages/s.
 * The service is the TEI stub of loadtest/bin/tei-stub.py (its URL in {@code -p url=...}), a process of its own that
 * stamps arrivals with kernel receive times; at the end of each trial this prints the most requests it saw in any
 * sliding second, warm-up included. Without a URL an in-process {@link ScriptedServer} answers, and the count is
 * that server's (user-space stamps in a JVM shared with the client: looser). Run by loadtest/bin/enrichment-bench.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class RemoteSentimentBenchmark {

    @Param({"10", "20", "50", "100"})
    public double rate;

    @Param({"8", "32"})
    public int batch;

    @Param("20")
    public long marginMillis;

    @Param("8")
    public int inFlight;

    @Param("")
    public String url;

    private ScriptedServer local;
    private RemoteSentimentAnalyzer analyzer;
    private List<String> texts;
    private final HttpClient control = HttpClient.newHttpClient();

    @Setup
    public void start() throws IOException, InterruptedException {
        String service = url;
        if (service.isEmpty()) {
            local = ScriptedServer.start(request -> request.path().equals("/info")
                    ? RemoteSentimentAnalyzerTests.teiInfo(batch)
                    : RemoteSentimentAnalyzerTests.teiPredict(request));
            service = local.url();
        } else {
            control.send(
                    HttpRequest.newBuilder(URI.create(service + "/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        var settings = new EnrichmentProperties.Remote(
                URI.create(service),
                "bench",
                rate,
                Duration.ofMillis(marginMillis),
                batch,
                inFlight,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                4,
                Duration.ofMillis(200),
                Duration.ofSeconds(60),
                50,
                10,
                Duration.ofSeconds(10));
        analyzer = RemoteSentimentAnalyzer.tei(settings, new SimpleMeterRegistry());
        texts = IntStream.range(0, batch).mapToObj(i -> "good message " + i).toList();
    }

    /** One call of {@code batch} texts. */
    @Benchmark
    public List<SentimentResult> call() {
        return analyzer.analyze(texts).block(Duration.ofSeconds(30));
    }

    @TearDown
    public void stop() throws IOException, InterruptedException {
        String counted;
        if (local != null) {
            counted = "{\"requests\": %d, \"maxInAnySecond\": %d, \"stamps\": \"in-process\"}"
                    .formatted(
                            local.requests("/predict").size(),
                            local.maxRequestsPerWindow("/predict", Duration.ofSeconds(1)));
            local.close();
        } else {
            counted = control.send(
                            HttpRequest.newBuilder(URI.create(url + "/stats")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        System.out.printf(
                "%n# remote R=%.0f B=%d margin=%dms inFlight=%d service: %s%n",
                rate, batch, marginMillis, inFlight, counted);
    }
}
