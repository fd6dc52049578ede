package dev.parley.server.search;

import dev.parley.server.messages.CursorKeys;
import dev.parley.server.messages.Cursors;
import dev.parley.server.messages.MessageCursors;
import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessagesProperties;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.problem.Problems;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/search?q=&conversationId=&sender=&from=&to=&order=newest|rank&limit=&cursor=}: web-search
 * syntax ({@code "exact phrase"}, {@code or}, {@code -word}), newest first by default.
 */
@RestController
class SearchController {

    private static final int MAX_QUERY = 256;

    private final SearchRepository search;
    private final CursorKeys keys;
    private final CurrentOwner owner;
    private final MessagesProperties properties;

    SearchController(SearchRepository search, CursorKeys keys, CurrentOwner owner, MessagesProperties properties) {
        this.search = search;
        this.keys = keys;
        this.owner = owner;
        this.properties = properties;
    }

    @GetMapping(value = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<byte[]> search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID conversationId,
            @RequestParam(required = false) @Nullable String sender,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
            throw Problems.badRequest(
                    "invalid-query", "q must hold between 1 and " + MAX_QUERY + " characters of search terms.");
        }
        boolean byRank = byRank(order);
        int size = properties.limit(limit);
        MessageFilter filter = MessageFilter.parse(from, to, null, null);
        String senderLike = sender == null || sender.isBlank() ? null : sender.strip();
        return Mono.zip(owner.id(), keys.cursors()).flatMap(ownerAndKeys -> {
            String ownerId = ownerAndKeys.getT1();
            Cursors cursors = ownerAndKeys.getT2();
            String scope = "search|" + ownerId + "|" + q + "|" + conversationId + "|" + senderLike + "|"
                    + filter.fingerprint() + "|" + byRank;
            SearchRepository.After after =
                    cursor == null || cursor.isEmpty() ? null : decode(cursors.decode(scope, cursor));
            return search.search(new SearchRepository.Request(
                            ownerId, q, conversationId, filter, senderLike, byRank, after, size + 1))
                    .map(rows -> {
                        boolean more = rows.size() > size;
                        List<SearchRepository.Row> page = more ? rows.subList(0, size) : rows;
                        // the context cursors of one conversation share its scope: hashed once per page
                        Map<UUID, Cursors.Scoped> contexts = new HashMap<>();
                        List<SearchHit> hits = new ArrayList<>(page.size());
                        for (SearchRepository.Row row : page) {
                            Cursors.Scoped context = contexts.computeIfAbsent(
                                    row.conversationId(), id -> MessageCursors.scoped(cursors, ownerId, id));
                            hits.add(new SearchHit(
                                    row.conversationId(),
                                    row.title(),
                                    row.rank(),
                                    row.message(),
                                    snippet(row.headline()),
                                    MessageCursors.openAt(
                                            context,
                                            row.message().sentAt(),
                                            row.message().ordinal())));
                        }
                        String next = more ? cursors.encode(scope, encode(page.getLast())) : null;
                        return SearchJson.toBytes(new SearchPage(hits, next));
                    });
        });
    }

    /** HTML-escapes the headline, then turns the delimiters ts_headline placed into {@code <mark>} tags. */
    static String snippet(String headline) {
        return HtmlUtils.htmlEscape(headline)
                .replace(String.valueOf(SearchRepository.START), "<mark>")
                .replace(String.valueOf(SearchRepository.STOP), "</mark>");
    }

    private static byte[] encode(SearchRepository.Row row) {
        UUID id = row.conversationId();
        return ByteBuffer.allocate(36)
                .putFloat(row.rank())
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, row.message().sentAt()))
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .putLong(row.message().ordinal())
                .array();
    }

    private static SearchRepository.After decode(ByteBuffer position) {
        if (position.remaining() != 36) {
            throw Cursors.invalid();
        }
        float rank = position.getFloat();
        Instant at = Instant.EPOCH.plus(position.getLong(), ChronoUnit.MICROS);
        UUID id = new UUID(position.getLong(), position.getLong());
        return new SearchRepository.After(rank, at, id, position.getLong());
    }

    private static boolean byRank(@Nullable String order) {
        if (order == null || order.isEmpty()) {
            return false;
        }
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "newest" -> false;
            case "rank" -> true;
            default -> throw Problems.badRequest("invalid-order", "order must be newest or rank.");
        };
    }
}
