package dev.parley.loadtest.reads;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP load of Parley's read endpoints: {@code users} virtual threads each send the next request as
 * soon as the previous answer is read, for {@code seconds}; prints requests/s and p50/p99 latency per scenario.
 * Meant to run next to pgbench with the same queries (the raw-SQL ceiling); see docs/performance.md.
 *
 * <pre>{@code
 * java -cp loadtest/target/parley-loadtest.jar dev.parley.loadtest.reads.ReadsLoad \
 *     http://localhost:8080 CONVERSATION_ID FIRST_INSTANT LAST_INSTANT 32 10 page,jump,search,stats
 * }</pre>
 *
 * <ul>
 *   <li>{@code page}: a keyset page (limit 50) from a random one of the first 2,000 cursors of a walk in pages of 500;
 *   <li>{@code jump}: {@code from=} a random instant between the first and last message;
 *   <li>{@code search}: {@code q=ok} in the conversation, newest first;
 *   <li>{@code stats}: the conversation's statistics (served from the cache after the first request).
 * </ul>
 */
public final class ReadsLoad {

    private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

    private ReadsLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println(
                    "usage: ReadsLoad BASE_URL CONVERSATION FIRST_INSTANT LAST_INSTANT USERS SECONDS SCENARIOS");
            System.exit(2);
        }
        String base = args[0];
        String conversation = args[1];
        Instant first = Instant.parse(args[2]);
        Instant last = Instant.parse(args[3]);
        int users = Integer.parseInt(args[4]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[5]));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String messages = base + "/api/v1/conversations/" + conversation + "/messages?limit=50";
        Supplier<String> randomInstant = () -> first.plusSeconds(ThreadLocalRandom.current()
                        .nextLong(Math.max(1, last.getEpochSecond() - first.getEpochSecond())))
                .toString();
        for (String scenario : args[6].split(",")) {
            Supplier<String> uri = switch (scenario) {
                case "page" -> {
                    List<String> cursors =
                            cursors(client, base + "/api/v1/conversations/" + conversation + "/messages?limit=500");
                    yield () -> messages + "&cursor="
                            + cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()));
                }
                case "jump" -> () -> messages + "&from=" + randomInstant.get();
                case "search" ->
                    () -> base + "/api/v1/search?limit=50&q=" + URLEncoder.encode("ok", StandardCharsets.UTF_8)
                            + "&conversationId=" + conversation;
                case "stats" -> () -> base + "/api/v1/conversations/" + conversation + "/stats";
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
            run(client, scenario, uri, 1, Duration.ofSeconds(3)); // warm-up
            run(client, scenario, uri, users, duration);
        }
    }

    /** Cursors every 500 messages through the conversation (cursors only work with the filters they came from). */
    private static List<String> cursors(HttpClient client, String pages) throws Exception {
        List<String> cursors = new ArrayList<>();
        String body = get(client, pages);
        for (Matcher next = NEXT.matcher(body); next.find() && cursors.size() < 2_000; next = NEXT.matcher(body)) {
            cursors.add(next.group(1));
            body = get(client, pages + "&cursor=" + next.group(1));
        }
        return cursors;
    }

    private static void run(HttpClient client, String scenario, Supplier<String> uri, int users, Duration duration)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        long[][] latencies = new long[users][];
        int[] counts = new int[users];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            long[] mine = new long[200_000];
            latencies[u] = mine;
            int user = u;
            threads.add(Thread.ofVirtual().start(() -> {
                int i = 0;
                while (System.nanoTime() < deadline && i < mine.length) {
                    long start = System.nanoTime();
                    try {
                        get(client, uri.get());
                        mine[i++] = System.nanoTime() - start;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                counts[user] = i;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = java.util.stream.IntStream.range(0, users)
                .mapToObj(u -> Arrays.stream(latencies[u], 0, counts[u]))
                .flatMapToLong(stream -> stream)
                .sorted()
                .toArray();
        if (users > 1) {
            System.out.printf(
                    "%-7s users=%d requests=%d rps=%.0f p50=%.2fms p99=%.2fms errors=%d%n",
                    scenario,
                    users,
                    all.length,
                    all.length / (duration.toNanos() / 1e9),
                    percentile(all, 0.50) / 1e6,
                    percentile(all, 0.99) / 1e6,
                    errors.get());
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static String get(HttpClient client, String uri) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + uri);
        }
        return response.body();
    }
}
