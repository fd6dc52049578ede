package dev.parley.loadtest.reads;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-model HTTP load of Parley's reads (Gatling Java DSL): {@code users} virtual users, each on its own
 * keep-alive connection, send the next request as soon as the previous answer arrived; requests named
 * {@code warmup} for {@code reads.warmup} seconds, then requests named after the scenario for {@code reads.seconds}.
 * One scenario per run, chosen by system properties, so each report holds one figure.
 * {@code loadtest/bin/reads-benchmark.sh} runs every scenario next to pgbench with the same SQL.
 *
 * <ul>
 *   <li>{@code page}: a keyset page (limit 50) at a random one of 500 cursors spread over the conversation;
 *   <li>{@code jump}: {@code from=} a random instant between the first and the last message;
 *   <li>{@code search-common} / {@code search-medium} / {@code search-rare}: {@code q=} the common / medium / rare
 *       word in the conversation, newest first;
 *   <li>{@code search-elsewhere}: {@code q=} the common word in a second, small conversation
 *       ({@code reads.small}) that holds it only a few times: rare there, frequent in the rest of the table;
 *   <li>{@code first-page}: the conversation's first page (no cursor: served from the first-page cache);
 *   <li>{@code stats}: the conversation's statistics (served from the cache after the first request).
 * </ul>
 *
 * Properties: {@code reads.url}, {@code reads.conversation}, {@code reads.first}, {@code reads.last} (ISO
 * instants), {@code reads.scenario}, {@code reads.users} (32), {@code reads.seconds} (20), {@code reads.warmup} (5),
 * {@code reads.common} ("ok"), {@code reads.medium} ("photo"), {@code reads.rare} ("zebra"), {@code reads.small}
 * (the small conversation's id).
 */
public final class ReadsSimulation extends Simulation {

    private static final Pattern CONTEXT = Pattern.compile("\"contextCursor\":\"([^\"]+)\"");

    private final String base = System.getProperty("reads.url", "http://127.0.0.1:18500");
    private final String conversation = System.getProperty("reads.conversation");
    private final Instant first = Instant.parse(System.getProperty("reads.first"));
    private final Instant last = Instant.parse(System.getProperty("reads.last"));
    private final String name = System.getProperty("reads.scenario", "page");
    private final int users = Integer.getInteger("reads.users", 32);
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("reads.seconds", 20));
    private final Duration warmup = Duration.ofSeconds(Integer.getInteger("reads.warmup", 5));

    public ReadsSimulation() {
        Function<Session, String> uri = uri();
        HttpProtocolBuilder protocol = http.baseUrl(base).acceptHeader("application/json");
        ChainBuilder warm = exec(http("warmup").get(uri).check(status().is(200)));
        ChainBuilder measure = exec(http(name).get(uri).check(status().is(200)));
        setUp(scenario(name)
                        .during(warmup)
                        .on(warm)
                        .during(measured)
                        .on(measure)
                        .injectOpen(atOnceUsers(users)))
                .protocols(protocol);
    }

    private Function<Session, String> uri() {
        String messages = "/api/v1/conversations/" + conversation + "/messages?limit=50";
        return switch (name) {
            case "page" -> {
                List<String> cursors = cursors();
                yield session -> messages + "&cursor=" + cursors.get(random().nextInt(cursors.size()));
            }
            case "jump" -> session -> messages + "&from=" + randomInstant();
            case "first-page" -> session -> messages;
            case "search-common" -> search(System.getProperty("reads.common", "ok"), conversation);
            case "search-medium" -> search(System.getProperty("reads.medium", "photo"), conversation);
            case "search-rare" -> search(System.getProperty("reads.rare", "zebra"), conversation);
            case "search-elsewhere" ->
                search(System.getProperty("reads.common", "ok"), System.getProperty("reads.small"));
            case "stats" -> session -> "/api/v1/conversations/" + conversation + "/stats";
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private static Function<Session, String> search(String word, String conversation) {
        String uri = "/api/v1/search?limit=50&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8) + "&conversationId="
                + conversation;
        return session -> uri;
    }

    /**
     * Cursors at random places of the whole conversation, valid without filters (a cursor only works with the
     * filters it was made for): the context cursors of search hits before random dates.
     */
    private List<String> cursors() {
        HttpClient client = HttpClient.newHttpClient();
        String search = base + "/api/v1/search?limit=1&q=" + System.getProperty("reads.common", "ok")
                + "&conversationId=" + conversation + "&to=";
        List<String> cursors = new ArrayList<>();
        try {
            while (cursors.size() < 500) {
                HttpResponse<String> page = client.send(
                        HttpRequest.newBuilder(URI.create(search + randomInstant()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher context = CONTEXT.matcher(page.body());
                if (context.find()) {
                    cursors.add(context.group(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not collect cursors from " + base, e);
        }
        return cursors;
    }

    private String randomInstant() {
        return first.plusSeconds(random().nextLong(Math.max(1, last.getEpochSecond() - first.getEpochSecond())))
                .toString();
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }
}
