package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import dev.parley.ingest.ParseReport.SkipReason;
import dev.parley.ingest.ParseReport.Variant;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Streaming WhatsApp text parser working on raw UTF-8 bytes, which it validates only while decoding text
 * ({@link Utf8Text}): ill-formed bytes never match a header, and never split a line since they cannot be '\n'. Splits lines across chunk boundaries keeping at most one
 * partial line ({@link ParseLimits#maxLineBytes()}), matches headers by hand ({@link WhatsAppHeader}), assembles
 * multi-line messages and holds back at most {@link ParseLimits#dateOrderLookaheadMessages()} messages while the
 * date order is unknown. Single-threaded, like every stage of one parse.
 */
final class WhatsAppParser implements ByteSink {

    /** A header must begin within this many bytes, or the input is not a WhatsApp export. */
    static final int HEADER_SEARCH_BYTES = 16 * 1024;

    private static final int MAX_AUTHOR_BYTES = 200;
    /** The date-order look-ahead also stops at this much held-back text, whatever the message count. */
    private static final long LOOKAHEAD_BYTES = 4L << 20;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ParseContext context;
    private final WhatsAppHeader header = new WhatsAppHeader();
    private final DateOrderInference inference;
    private final SenderCache senders = new SenderCache();
    private final @Nullable ZoneOffset fixedOffset;
    private final ZoneRules rules;
    private final int maxLineBytes;
    private final int maxMessageChars;
    private final int lookahead;

    private byte[] carry = new byte[1024];
    private int carryLength;
    private boolean carryCut;
    private long carryStart;
    private long offset;
    private long line;
    private int shape = -1;

    private @Nullable Draft draft;
    private @Nullable Draft spare;
    private final ArrayDeque<Draft> waiting = new ArrayDeque<>();
    private long waitingBytes;

    private int cachedYear = -1;
    private int cachedMonth;
    private int cachedDay;
    private @Nullable LocalDate cachedDate;
    private long cachedEpochDay;
    private @Nullable LocalDate lastDate;
    private int lastSecondOfDay = -1;
    private LocalDateTime lastTime = LocalDateTime.MIN;
    private Instant lastInstant = Instant.MIN;
    private @Nullable LocalDate offsetDate;
    private int offsetHour = -1;
    private ZoneOffset cachedOffset = ZoneOffset.UTC;

    WhatsAppParser(ParseContext context) {
        this.context = context;
        this.inference = new DateOrderInference(context.options.dateOrder());
        ZoneId zone = context.options.zone();
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
        this.maxLineBytes = context.limits.maxLineBytes();
        this.maxMessageChars = context.limits.maxMessageChars();
        this.lookahead = context.limits.dateOrderLookaheadMessages();
        context.format = ChatFormat.WHATSAPP;
    }

    @Override
    public void accept(byte[] b, int from, int length) {
        int end = from + length;
        int start = from;
        while (start < end) {
            int newline = indexOfNewline(b, start, end);
            if (newline < 0) {
                if (carryLength == 0 && !carryCut) {
                    carryStart = offset + (start - from);
                }
                appendCarry(b, start, end);
                break;
            }
            if (carryLength > 0 || carryCut) {
                appendCarry(b, start, newline);
                int carried = carryLength;
                boolean cut = carryCut;
                carryLength = 0;
                carryCut = false;
                line(carry, 0, carried, cut, carryStart);
            } else if (newline - start > maxLineBytes) {
                line(b, start, boundary(b, start + maxLineBytes), true, offset + (start - from));
            } else {
                line(b, start, newline, false, offset + (start - from));
            }
            start = newline + 1;
        }
        offset += length;
        if (shape < 0 && (carryLength > 0 || carryCut ? carryStart : offset) > HEADER_SEARCH_BYTES) {
            throw notAChat();
        }
    }

    private void appendCarry(byte[] b, int from, int to) {
        int n = to - from;
        int room = maxLineBytes - carryLength;
        if (n > room) {
            n = boundary(b, from + room) - from;
            carryCut = true;
        }
        if (carryLength + n > carry.length) {
            carry = Arrays.copyOf(carry, Math.min(maxLineBytes, Math.max(carryLength + n, carry.length * 2)));
        }
        System.arraycopy(b, from, carry, carryLength, n);
        carryLength += n;
    }

    /** Moves a cut position back to the start of the UTF-8 sequence it would split. */
    private static int boundary(byte[] b, int cut) {
        int i = cut;
        while (i > cut - 3 && (b[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    @Override
    public void end() {
        if (carryLength > 0 || carryCut) {
            boolean cut = carryCut;
            int length = carryLength;
            carryLength = 0;
            carryCut = false;
            line(carry, 0, length, cut, carryStart);
        }
        if (shape < 0) {
            throw notAChat();
        }
        finishDraft();
        if (!inference.decided()) {
            inference.fallBack();
        }
        flushWaiting();
        context.dateOrder = inference.order();
        context.dateOrderSource = inference.source();
    }

    private void line(byte[] b, int from, int end, boolean cut, long lineStart) {
        line++;
        if (end > from && b[end - 1] == '\r') {
            end--;
        }
        if (cut) {
            context.skip(line, SkipReason.LINE_TOO_LONG, 1);
        }
        if (shape < 0 && lineStart > HEADER_SEARCH_BYTES) {
            throw notAChat();
        }
        if (header.match(b, from, end) && (shape < 0 || header.shape() == shape)) {
            if (shape < 0) {
                shape = header.shape();
                context.variant = header.bracketed ? Variant.WHATSAPP_IOS : Variant.WHATSAPP_ANDROID;
            }
            finishDraft();
            startDraft(b, end);
            return;
        }
        Draft d = draft;
        if (d == null) {
            context.skip(line, SkipReason.BEFORE_FIRST_MESSAGE, 1);
            return;
        }
        int length = end - from;
        if (d.chars + 1 + length > maxMessageChars) {
            context.skip(line, SkipReason.MESSAGE_TOO_LONG, 1);
            return;
        }
        d.append(b, from, length, true);
        d.lines++;
    }

    private void startDraft(byte[] b, int end) {
        inference.observe(header);
        Draft d = spare != null ? spare : new Draft();
        spare = null;
        WhatsAppHeader h = header;
        d.field1 = h.field1;
        d.field2 = h.field2;
        d.field3 = h.field3;
        d.field3Digits = h.field3Digits;
        d.hour = h.hour;
        d.minute = h.minute;
        d.second = h.second;
        d.period = h.period;
        d.line = line;
        d.lines = 1;
        d.sender = null;
        d.system = false;
        d.marked = false;
        int i = h.bodyStart;
        if (i + 2 < end && WhatsAppHeader.isMark(b, i)) {
            d.system = true;
            i = WhatsAppHeader.skipMarks(b, i, end);
        } else {
            int author = senders.match(b, i, end, context);
            if (author >= 0) {
                d.sender = senders.matched();
            } else {
                author = authorEnd(b, i, end);
                if (author >= 0) {
                    d.sender = senders.add(b, i, author, context);
                }
            }
            if (author < 0) {
                d.system = true;
            } else {
                i = author + 2;
                if (i + 2 < end && WhatsAppHeader.isMark(b, i)) {
                    d.marked = true;
                    i = WhatsAppHeader.skipMarks(b, i, end);
                }
            }
        }
        int length = Math.max(0, end - i);
        d.chars = 0;
        d.append(b, i, length, false);
        d.mayBeExact = WhatsAppPlaceholders.mayBeExact(b, i, end);
        draft = d;
    }

    /** End of {@code Author} in {@code Author: text}, or -1 when the line has no author (a system line). */
    private static int authorEnd(byte[] b, int from, int end) {
        int limit = Math.min(end - 1, from + MAX_AUTHOR_BYTES);
        for (int i = from; i < limit; i++) {
            byte c = b[i];
            if (c == ':' && b[i + 1] == ' ') {
                return i > from ? i : -1;
            }
            if (c == '"') {
                return -1;
            }
            if (c == (byte) 0xE2 && i + 2 < end && b[i + 1] == (byte) 0x80) {
                int c2 = b[i + 2] & 0xFF;
                if (c2 >= 0x9C && c2 <= 0x9E) {
                    return -1;
                }
            } else if (c == (byte) 0xC2 && i + 1 < end && (b[i + 1] == (byte) 0xAB || b[i + 1] == (byte) 0xBB)) {
                return -1;
            }
        }
        return -1;
    }

    private void finishDraft() {
        Draft d = draft;
        if (d == null) {
            return;
        }
        draft = null;
        if (!inference.decided()) {
            waiting.add(d);
            waitingBytes += d.chars;
            if (waiting.size() >= lookahead || waitingBytes > LOOKAHEAD_BYTES) {
                inference.fallBack();
                flushWaiting();
            }
            return;
        }
        flushWaiting();
        emit(d);
        spare = d;
    }

    private void flushWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        for (Draft d = waiting.poll(); d != null; d = waiting.poll()) {
            emit(d);
        }
        waitingBytes = 0;
    }

    private void emit(Draft d) {
        int year;
        int month;
        int day;
        switch (inference.order()) {
            case MDY -> {
                month = d.field1;
                day = d.field2;
                year = d.field3;
            }
            case YMD -> {
                year = d.field1;
                month = d.field2;
                day = d.field3;
            }
            default -> {
                day = d.field1;
                month = d.field2;
                year = d.field3;
            }
        }
        if (year < 100 && d.field3Digits == 2 && inference.order() != DateOrder.YMD) {
            year += 2000;
        }
        int hour = d.hour;
        if (d.period != 0) {
            if (hour > 12) {
                hour = 99;
            } else if (d.period == WhatsAppHeader.AM) {
                hour = hour == 12 ? 0 : hour;
            } else {
                hour = hour == 12 ? 12 : hour + 12;
            }
        }
        int second = Math.max(0, d.second);
        if (!validDate(year, month, day) || hour > 23 || d.minute > 59 || second > 59) {
            context.skip(d.line, SkipReason.INVALID_DATE, d.lines);
            return;
        }
        LocalDate date = date(year, month, day);
        int secondOfDay = hour * 3_600 + d.minute * 60 + second;
        // messages come in bursts within one minute: they share its (immutable) time objects
        if (date != lastDate || secondOfDay != lastSecondOfDay) {
            lastTime = LocalDateTime.of(date, LocalTime.of(hour, d.minute, second));
            // LocalDateTime.toInstant would work out the epoch day (leap years and all) again for every message
            long epochSecond = cachedEpochDay * 86_400 + secondOfDay;
            lastInstant = Instant.ofEpochSecond(
                    epochSecond - offset(date, hour, lastTime).getTotalSeconds());
            lastDate = date;
            lastSecondOfDay = secondOfDay;
        }
        LocalDateTime time = lastTime;
        Instant at = lastInstant;
        // the lines are decoded together: a message is one String, not one per line joined by a StringBuilder
        String text = d.chars == 0 ? "" : Utf8Text.decode(d.body, 0, d.chars, context);
        context.emit(WhatsAppMessages.build(
                context.nextOrdinal(),
                time,
                at,
                d.sender,
                text,
                d.system,
                d.marked,
                d.mayBeExact,
                d.lines > 1,
                context.attachmentPresent));
    }

    private LocalDate date(int year, int month, int day) {
        LocalDate date = cachedDate;
        if (date == null || year != cachedYear || month != cachedMonth || day != cachedDay) {
            date = LocalDate.of(year, month, day);
            cachedDate = date;
            cachedEpochDay = date.toEpochDay();
            cachedYear = year;
            cachedMonth = month;
            cachedDay = day;
        }
        return date;
    }

    private ZoneOffset offset(LocalDate date, int hour, LocalDateTime time) {
        if (fixedOffset != null) {
            return fixedOffset;
        }
        if (date != offsetDate || hour != offsetHour) {
            cachedOffset = rules.getOffset(time);
            offsetDate = date;
            offsetHour = hour;
        }
        return cachedOffset;
    }

    private static boolean validDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || year < 1 || year > 9999) {
            return false;
        }
        int length = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= length;
    }

    private static int indexOfNewline(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private ParseException notAChat() {
        return new ParseException(
                Reason.NOT_A_CHAT_EXPORT,
                "This is text, but not a WhatsApp chat export: no line in the first 16 KB starts with a message"
                        + " header such as \"31/12/24, 23:59 - Name: text\".");
    }

    /** One message being assembled; reused once the date order is known. */
    private static final class Draft {
        int field1;
        int field2;
        int field3;
        int field3Digits;
        int hour;
        int minute;
        int second;
        int period;
        long line;
        int lines;
        int chars;

        @Nullable
        String sender;

        boolean system;
        boolean marked;
        boolean mayBeExact;
        /** The text's raw UTF-8, its lines joined by '\n'; the first {@link #chars} bytes are used. */
        byte[] body = new byte[256];

        void append(byte[] b, int from, int length, boolean newLine) {
            int at = newLine ? chars + 1 : chars;
            if (at + length > body.length) {
                body = Arrays.copyOf(body, Math.max(at + length, body.length * 2));
            }
            if (newLine) {
                body[chars] = '\n';
            }
            System.arraycopy(b, from, body, at, length);
            chars = at + length;
        }
    }
}
