package dev.parley.ingest;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Immutable options of a {@link ChatParser}.
 *
 * @param format which export to expect; {@link ChatFormat#AUTO} decides from the first bytes
 * @param dateOrder day/month/year order of WhatsApp headers; {@link DateOrder#AUTO} infers it from the data
 * @param zone zone that turns the wall-clock times of an export (which carry none) into instants
 * @param limits size and safety bounds
 */
public record ParseOptions(ChatFormat format, DateOrder dateOrder, ZoneId zone, ParseLimits limits) {

    public ParseOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dateOrder, "dateOrder");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(limits, "limits");
    }

    /** Auto-detected format and date order, UTC, {@link ParseLimits#defaults()}. */
    public static ParseOptions defaults() {
        return new ParseOptions(ChatFormat.AUTO, DateOrder.AUTO, ZoneOffset.UTC, ParseLimits.defaults());
    }

    public ParseOptions withFormat(ChatFormat format) {
        return new ParseOptions(format, dateOrder, zone, limits);
    }

    public ParseOptions withDateOrder(DateOrder dateOrder) {
        return new ParseOptions(format, dateOrder, zone, limits);
    }

    public ParseOptions withZone(ZoneId zone) {
        return new ParseOptions(format, dateOrder, zone, limits);
    }

    public ParseOptions withLimits(ParseLimits limits) {
        return new ParseOptions(format, dateOrder, zone, limits);
    }
}
