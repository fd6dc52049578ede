package dev.parley.server.messages;

import dev.parley.ingest.MessageKind;
import dev.parley.server.problem.Problems;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The filters of message pages, exports and search: a time window {@code [from, to)}, one sender, some kinds.
 * {@link #fingerprint()} goes into the cursor scope, so a cursor only works with the filters it was made for.
 *
 * @param from first instant included, or null
 * @param to first instant excluded, or null
 * @param sender exact sender name, or null
 * @param kinds message kinds to keep; empty means all
 */
public record MessageFilter(
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String sender,
        List<MessageKind> kinds) {

    public static final MessageFilter NONE = new MessageFilter(null, null, null, List.of());

    public MessageFilter {
        kinds = List.copyOf(kinds);
    }

    /**
     * Parses request parameters; 400 on a bad time or kind. Times are ISO instants or offsets
     * ({@code 2024-05-01T10:00:00Z}), local date-times (UTC) or dates: {@code from=2024-05-01} starts at that
     * day's midnight UTC, {@code to=2024-05-31} includes that whole day.
     *
     * @param kinds values of repeated or comma-separated {@code kind} parameters
     */
    public static MessageFilter parse(
            @Nullable String from, @Nullable String to, @Nullable String sender, @Nullable List<String> kinds) {
        List<MessageKind> parsed = new ArrayList<>();
        if (kinds != null) {
            for (String value : kinds) {
                for (String part : value.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    try {
                        MessageKind kind = MessageKind.valueOf(part.strip().toUpperCase(Locale.ROOT));
                        if (!parsed.contains(kind)) {
                            parsed.add(kind);
                        }
                    } catch (IllegalArgumentException e) {
                        throw Problems.badRequest(
                                "invalid-filter",
                                "kind must be one of TEXT, MEDIA, SYSTEM, DELETED, POLL, LOCATION, CONTACT, CALL.");
                    }
                }
            }
        }
        parsed.sort(null);
        Instant start = time("from", from, false);
        Instant end = time("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw Problems.badRequest("invalid-filter", "from must be before to.");
        }
        return new MessageFilter(start, end, sender == null || sender.isEmpty() ? null : sender, parsed);
    }

    private static @Nullable Instant time(String name, @Nullable String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate date = LocalDate.parse(v);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(
                    "invalid-filter", name + " must be a date (2024-05-01) or a date-time (2024-05-01T10:00:00Z).");
        }
    }

    /** A stable text of the filter values, for cursor scopes. */
    public String fingerprint() {
        return "from=" + from + "|to=" + to + "|sender=" + (sender == null ? "" : sender.length() + ":" + sender)
                + "|kinds=" + kinds;
    }

    /** {@code AND} conditions on the messages table aliased {@code alias}, with named parameters. */
    public String sql(String alias) {
        StringBuilder sql = new StringBuilder();
        if (from != null) {
            sql.append(" AND ").append(alias).append(".sent_at >= :filterFrom");
        }
        if (to != null) {
            sql.append(" AND ").append(alias).append(".sent_at < :filterTo");
        }
        if (sender != null) {
            sql.append(" AND ").append(alias).append(".sender = :filterSender");
        }
        if (!kinds.isEmpty()) {
            sql.append(" AND ").append(alias).append(".kind = ANY(:filterKinds)");
        }
        return sql.toString();
    }

    /**
     * Which values are set, one bit each (from 1, to 2, sender 4, kinds 8): filters of the same shape have the same
     * {@link #positionalSql}.
     */
    public int shape() {
        return (from == null ? 0 : 1) | (to == null ? 0 : 2) | (sender == null ? 0 : 4) | (kinds.isEmpty() ? 0 : 8);
    }

    /**
     * {@link #sql} with positional parameters {@code $first, $first + 1, ...} (from, to, sender, kinds; only those
     * set), for statements that skip named-parameter expansion.
     */
    public String positionalSql(String alias, int first) {
        StringBuilder sql = new StringBuilder();
        int next = first;
        if (from != null) {
            sql.append(" AND ").append(alias).append(".sent_at >= $").append(next++);
        }
        if (to != null) {
            sql.append(" AND ").append(alias).append(".sent_at < $").append(next++);
        }
        if (sender != null) {
            sql.append(" AND ").append(alias).append(".sender = $").append(next++);
        }
        if (!kinds.isEmpty()) {
            sql.append(" AND ")
                    .append(alias)
                    .append(".kind = ANY($")
                    .append(next)
                    .append(')');
        }
        return sql.toString();
    }

    /** Binds the parameters of {@link #positionalSql} made with the same {@code first}. */
    public void bind(Statement statement, int first) {
        // Statement indexes count from 0, $n from 1
        int index = first - 1;
        if (from != null) {
            statement.bind(index++, from);
        }
        if (to != null) {
            statement.bind(index++, to);
        }
        if (sender != null) {
            statement.bind(index++, sender);
        }
        if (!kinds.isEmpty()) {
            statement.bind(index, kinds.stream().map(MessageKind::name).toArray(String[]::new));
        }
    }

    /** Binds the parameters of {@link #sql}. */
    public GenericExecuteSpec bind(GenericExecuteSpec spec) {
        if (from != null) {
            spec = spec.bind("filterFrom", from);
        }
        if (to != null) {
            spec = spec.bind("filterTo", to);
        }
        if (sender != null) {
            spec = spec.bind("filterSender", sender);
        }
        if (!kinds.isEmpty()) {
            spec = spec.bind(
                    "filterKinds", kinds.stream().map(MessageKind::name).toArray(String[]::new));
        }
        return spec;
    }
}
