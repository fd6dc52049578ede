package dev.parley.server.enrichment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A real HTTP server (Reactor Netty) on 127.0.0.1 whose answers a test scripts: TEI-shaped {@code /predict} and {@code /info},
 * the generic batch protocol, 429 with Retry-After, 500 storms, slow answers, HTML pages, redirects. Records every
 * request with its arrival time, stamped in the event-loop task that read the request head, on an event loop of its
 * own: the client under test does not share it, so its work cannot delay one stamp and not the next. What is left
 * is the machine's scheduling jitter; loadtest/bin/enrichment-bench.sh measures with kernel timestamps instead.
 */
public final class ScriptedServer implements AutoCloseable {

    /** A request as it arrived. */
    public record Request(String method, String path, Map<String, String> headers, String body, long arrivedNanos) {}

    /** What to answer; {@code delay} makes the server slow before it writes the status (without blocking). */
    public record Response(int status, Map<String, String> headers, byte[] body, Duration delay) {

        public static Response json(String json) {
            return new Response(
                    200,
                    Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO);
        }

        public static Response html(String html) {
            return new Response(
                    200,
                    Map.of("Content-Type", "text/html; charset=utf-8"),
                    html.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO);
        }

        public static Response status(int status, Map<String, String> headers) {
            return new Response(status, headers, new byte[0], Duration.ZERO);
        }

        public Response delayed(Duration delay) {
            return new Response(status, headers, body, delay);
        }
    }

    private final LoopResources loop = LoopResources.create("scripted-server", 1, true);
    private final DisposableServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedServer(Function<Request, Response> script) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loop)
                .handle((request, response) -> {
                    // called in the task that decoded the head, before the body: the arrival the limit is about
                    long arrived = System.nanoTime();
                    Map<String, String> headers = new HashMap<>();
                    request.requestHeaders().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
                    return request.receive()
                            .aggregate()
                            .asString(StandardCharsets.UTF_8)
                            .defaultIfEmpty("")
                            .flatMap(body -> {
                                Request recorded =
                                        new Request(request.method().name(), request.uri(), headers, body, arrived);
                                requests.add(recorded);
                                Response answer = script.apply(recorded);
                                return Mono.delay(answer.delay()).thenReturn(answer);
                            })
                            .flatMap(answer -> {
                                response.status(answer.status());
                                answer.headers().forEach(response::header);
                                return answer.body().length == 0
                                        ? response.send().then()
                                        : response.sendByteArray(Mono.just(answer.body()))
                                                .then();
                            });
                })
                .bindNow();
    }

    public static ScriptedServer start(Function<Request, Response> script) {
        return new ScriptedServer(script);
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().startsWith(path)).toList();
    }

    /** The most requests that arrived within any sliding window of {@code window}. */
    public int maxRequestsPerWindow(String path, Duration window) {
        List<Long> times =
                requests(path).stream().map(Request::arrivedNanos).sorted().toList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= window.toNanos()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    @Override
    public void close() {
        server.disposeNow();
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
