package dev.parley.loadtest.reads;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The requests of each reads scenario, as paths: one place for {@link ReadsSimulation} (Gatling) and
 * {@link ReadsPaths} (paths for other load generators) to draw them from.
 *
 * <ul>
 *   <li>{@code page}: a keyset page (limit 50) at a random one of 500 cursors spread over the conversation;
 *   <li>{@code jump}: {@code from=} a random instant between the first and the last message;
 *   <li>{@code search-common} / {@code search-medium} / {@code search-rare}: {@code q=} the common / medium / rare
 *       word in the conversation, newest first;
 *   <li>{@code search-elsewhere}: {@code q=} the common word in a second, small conversation
 *       ({@code reads.small}) that holds it only a few times: rare there, frequent in the rest of the table;
 *   <li>{@code search-global-common} / {@code search-global-medium} / {@code search-global-rare}: the three words
 *       in all conversations (no {@code conversationId}), newest first;
 *   <li>{@code search-rank-common} / {@code search-rank-medium}: the common / medium word in the conversation, by rank;
 *   <li>{@code first-page}: the conversation's first page (no cursor: served from the first-page cache);
 *   <li>{@code stats}: the conversation's statistics (served from the cache after the first request).
 * </ul>
 *
 * Properties: {@code reads.url}, {@code reads.conversation}, {@code reads.first}, {@code reads.last} (ISO
 * instants), {@code reads.common} ("ok"), {@code reads.medium} ("photo"), {@code reads.rare} ("zebra"),
 * {@code reads.small} (the small conversation's id).
 */
final class ReadsRequests {

    private static final Pattern CONTEXT = Pattern.compile("\"contextCursor\":\"([^\"]+)\"");

    final String base = System.getProperty("reads.url", "http://127.0.0.1:18500");
    private final String conversation = System.getProperty("reads.conversation");
    private final Instant first = Instant.parse(System.getProperty("reads.first"));
    private final Instant last = Instant.parse(System.getProperty("reads.last"));

    /** The paths of {@code scenario}, one per call. */
    Supplier<String> paths(String scenario) {
        String messages = "/api/v1/conversations/" + conversation + "/messages?limit=50";
        return switch (scenario) {
            case "page" -> {
                List<String> cursors = cursors();
                yield () -> messages + "&cursor=" + cursors.get(random().nextInt(cursors.size()));
            }
            case "jump" -> () -> messages + "&from=" + randomInstant();
            case "first-page" -> () -> messages;
            case "search-common" -> search(System.getProperty("reads.common", "ok"), conversation);
            case "search-medium" -> search(System.getProperty("reads.medium", "photo"), conversation);
            case "search-rare" -> search(System.getProperty("reads.rare", "zebra"), conversation);
            case "search-elsewhere" ->
                search(System.getProperty("reads.common", "ok"), System.getProperty("reads.small"));
            case "search-global-common" -> search(System.getProperty("reads.common", "ok"), null);
            case "search-global-medium" -> search(System.getProperty("reads.medium", "photo"), null);
            case "search-global-rare" -> search(System.getProperty("reads.rare", "zebra"), null);
            case "search-rank-common" -> ranked(search(System.getProperty("reads.common", "ok"), conversation));
            case "search-rank-medium" -> ranked(search(System.getProperty("reads.medium", "photo"), conversation));
            case "stats" -> () -> "/api/v1/conversations/" + conversation + "/stats";
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /** The same search, by rank. */
    private static Supplier<String> ranked(Supplier<String> search) {
        String path = search.get() + "&order=rank";
        return () -> path;
    }

    /** Searches for {@code word} in {@code conversation}, or in all conversations when it is null. */
    private static Supplier<String> search(String word, @Nullable String conversation) {
        String path = "/api/v1/search?limit=50&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8)
                + (conversation == null ? "" : "&conversationId=" + conversation);
        return () -> path;
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
