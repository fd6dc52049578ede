package dev.parley.server.enrichment.sentiment;

import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.enrichment.ScriptedServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * Remote mode against a local TEI-shaped server that answers at once: achieved messages/s against the ideal R·B,
 * and the most requests the server saw in any sliding second. Not a test: run by hand, see docs/performance.md.
 *
 * <pre>java -cp CLASSPATH dev.parley.server.enrichment.sentiment.RemoteSentimentThroughput [R] [B] [seconds] [marginMs]</pre>
 */
public final class RemoteSentimentThroughput {

    private RemoteSentimentThroughput() {}

    public static void main(String[] args) {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Duration margin = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 50);
        try (ScriptedServer server = ScriptedServer.start(request -> request.path()
                        .equals("/info")
                ? ScriptedServer.Response.json("{\"model_id\":\"bench\",\"max_client_batch_size\":" + batch + "}")
                : RemoteSentimentAnalyzerTests.teiPredict(request))) {
            var settings = new EnrichmentProperties.Remote(
                    URI.create(server.url()),
                    "bench",
                    rate,
                    margin,
                    batch,
                    4,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5),
                    4,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(60),
                    50,
                    10,
                    Duration.ofSeconds(10));
            var analyzer = RemoteSentimentAnalyzer.tei(settings, new SimpleMeterRegistry());
            List<String> texts =
                    IntStream.range(0, batch).mapToObj(i -> "good message " + i).toList();
            analyzer.analyze(texts).block(); // /info and connection set-up
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            Long messages = Flux.generate(sink -> sink.next(texts))
                    .takeWhile(ignored -> System.nanoTime() < deadline)
                    .flatMap(ignored -> analyzer.analyze(texts), 4)
                    .map(List::size)
                    .reduce(0L, (sum, n) -> sum + n)
                    .block();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double achieved = messages / elapsed;
            System.out.printf(
                    "R=%.0f/s B=%d margin=%dms seconds=%.1f messages=%d achieved=%.0f/s ideal=%.0f/s ratio=%.3f"
                            + " maxRequestsInAnySecond=%d%n",
                    rate,
                    batch,
                    margin.toMillis(),
                    elapsed,
                    messages,
                    achieved,
                    rate * batch,
                    achieved / (rate * batch),
                    server.maxRequestsPerWindow("/predict", Duration.ofSeconds(1)));
        }
    }
}
