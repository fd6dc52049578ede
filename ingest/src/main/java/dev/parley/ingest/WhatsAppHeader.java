package dev.parley.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Matches a WhatsApp message header on raw UTF-8 bytes, by hand, without allocating: Android
 * {@code 31/12/24, 23:59 - } and iOS {@code [31/12/24, 23:59:59] }, with {@code / . -} or space date separators
 * (Korean {@code 2024. 12. 31.} included), optional comma, 2- or 4-digit years, optional seconds, 24-hour or
 * 12-hour clocks with day periods before or after the time, any of space, U+00A0 and U+202F between time and
 * period, and leading U+200E/U+200F marks. One instance per parser; fields hold the last match.
 */
final class WhatsAppHeader {

    static final int AM = 1;
    static final int PM = 2;

    /** Day periods written after the time; {@code ' '} matches space, U+00A0 or U+202F. Longest first. */
    private static final byte[][] SUFFIX_PERIODS =
            tokens("a. m.", "p. m.", "a.m.", "p.m.", "vorm.", "nachm.", "am", "pm", "\u0635", "\u0645");

    private static final boolean[] SUFFIX_PM = {false, true, false, true, false, true, false, true, false, true};
    /** Day periods written before the time (Japanese, Chinese, Korean). */
    private static final byte[][] PREFIX_PERIODS =
            tokens("\u5348\u524d", "\u5348\u5f8c", "\u4e0a\u5348", "\u4e0b\u5348", "\uc624\uc804", "\uc624\ud6c4");

    private static final boolean[] PREFIX_PM = {false, true, false, true, false, true};

    int field1;
    int field2;
    int field3;
    int field1Digits;
    int field3Digits;
    int hour;
    int minute;
    int second;
    int period;
    boolean bracketed;
    byte dateSeparator;
    int bodyStart;

    /** The date bytes of the last header (to the time, spaces included) and their fields. */
    private final byte[] date = new byte[24];

    private int dateLength;
    private int dateField1;
    private int dateField2;
    private int dateField3;
    private int dateField1Digits;
    private int dateField3Digits;
    private byte dateSeparatorOf;

    /** What must stay the same between the headers of one export; a line of another shape is a continuation. */
    int shape() {
        return (bracketed ? 1 : 0) | (field1Digits == 4 ? 2 : 0) | (period != 0 ? 4 : 0) | (dateSeparator & 0xFF) << 8;
    }

    boolean match(byte[] b, int offset, int end) {
        int i = skipMarks(b, offset, end);
        bracketed = i < end && b[i] == '[';
        if (bracketed) {
            i++;
        }
        int dateStart = i;
        boolean repeated =
                i + dateLength <= end && dateLength > 0 && Arrays.equals(date, 0, dateLength, b, i, i + dateLength);
        if (repeated) {
            // most headers repeat the date of the one before (messages come in days): the same bytes, the same fields
            field1 = dateField1;
            field2 = dateField2;
            field3 = dateField3;
            field1Digits = dateField1Digits;
            field3Digits = dateField3Digits;
            dateSeparator = dateSeparatorOf;
            i += dateLength;
        } else {
            i = date(b, i, end);
            if (i < 0) {
                return false;
            }
        }
        while (i < end && b[i] == ' ') {
            i++;
        }
        int dateEnd = i;
        // day period before the time
        period = 0;
        // every prefix period is CJK: a digit here (nearly every export) needs no token compared
        for (int t = 0; i < end && b[i] < 0 && t < PREFIX_PERIODS.length; t++) {
            int after = matchToken(PREFIX_PERIODS[t], b, i, end);
            if (after > 0) {
                period = PREFIX_PM[t] ? PM : AM;
                i = after;
                if (i < end && b[i] == ' ') {
                    i++;
                }
                break;
            }
        }
        // time
        int start = i;
        int v = 0;
        while (i < end && i - start < 2 && isDigit(b[i])) {
            v = v * 10 + b[i++] - '0';
        }
        if (i == start || i + 2 >= end || b[i] != ':' || !isDigit(b[i + 1]) || !isDigit(b[i + 2])) {
            return false;
        }
        hour = v;
        minute = (b[i + 1] - '0') * 10 + b[i + 2] - '0';
        i += 3;
        second = -1;
        if (i + 2 < end && b[i] == ':' && isDigit(b[i + 1]) && isDigit(b[i + 2])) {
            second = (b[i + 1] - '0') * 10 + b[i + 2] - '0';
            i += 3;
        }
        if (period == 0) {
            int afterSpace = skipSpace(b, i, end);
            // every suffix period starts with a letter: the " - " of Android headers needs no token compared
            if (afterSpace > i && afterSpace < end && (b[afterSpace] < 0 || (b[afterSpace] | 0x20) >= 'a')) {
                for (int t = 0; t < SUFFIX_PERIODS.length; t++) {
                    int after = matchToken(SUFFIX_PERIODS[t], b, afterSpace, end);
                    if (after > 0) {
                        period = SUFFIX_PM[t] ? PM : AM;
                        i = after;
                        break;
                    }
                }
            }
        }
        // terminator
        if (bracketed) {
            if (i >= end || b[i] != ']') {
                return false;
            }
            i++;
            if (i < end) {
                if (b[i] != ' ') {
                    return false;
                }
                i++;
            }
            bodyStart = i;
            remember(repeated, b, dateStart, dateEnd);
            return true;
        }
        if (i + 2 < end && b[i] == ' ' && b[i + 1] == '-' && b[i + 2] == ' ') {
            bodyStart = i + 3;
            remember(repeated, b, dateStart, dateEnd);
            return true;
        }
        // en dash U+2013
        if (i + 4 < end
                && b[i] == ' '
                && b[i + 1] == (byte) 0xE2
                && b[i + 2] == (byte) 0x80
                && b[i + 3] == (byte) 0x93
                && b[i + 4] == ' ') {
            bodyStart = i + 5;
            remember(repeated, b, dateStart, dateEnd);
            return true;
        }
        return false;
    }

    /** Parses the date at {@code i} up to and including one space after it; the position after it, or -1. */
    private int date(byte[] b, int i, int end) {
        int start = i;
        int v = 0;
        while (i < end && i - start < 4 && isDigit(b[i])) {
            v = v * 10 + b[i++] - '0';
        }
        field1Digits = i - start;
        if (field1Digits == 0 || field1Digits == 3 || i >= end) {
            return -1;
        }
        field1 = v;
        byte separator = b[i];
        if (separator != '/' && separator != '.' && separator != '-' && separator != ' ') {
            return -1;
        }
        dateSeparator = separator;
        i++;
        boolean spaced = separator == '.' && i < end && b[i] == ' ';
        if (spaced) {
            i++;
        }
        start = i;
        v = 0;
        while (i < end && i - start < 2 && isDigit(b[i])) {
            v = v * 10 + b[i++] - '0';
        }
        if (i == start || i >= end || b[i] != separator) {
            return -1;
        }
        field2 = v;
        i++;
        if (spaced) {
            if (i >= end || b[i] != ' ') {
                return -1;
            }
            i++;
        }
        start = i;
        v = 0;
        int maxDigits = field1Digits == 4 ? 2 : 4;
        while (i < end && i - start < maxDigits && isDigit(b[i])) {
            v = v * 10 + b[i++] - '0';
        }
        field3Digits = i - start;
        if (field3Digits == 0 || (field1Digits != 4 && field3Digits != 2 && field3Digits != 4)) {
            return -1;
        }
        field3 = v;
        if (spaced && i < end && b[i] == '.') {
            i++;
        }
        if (i < end && b[i] == ',') {
            i++;
        }
        // at least one space; the caller skips any more
        return i < end && b[i] == ' ' ? i + 1 : -1;
    }

    /** Keeps a freshly parsed date, as bytes and fields, for the headers that repeat it (a repeated one is kept). */
    private void remember(boolean repeated, byte[] b, int from, int to) {
        if (repeated) {
            return;
        }
        int length = to - from;
        if (length > date.length) {
            dateLength = 0;
            return;
        }
        System.arraycopy(b, from, date, 0, length);
        dateLength = length;
        dateField1 = field1;
        dateField2 = field2;
        dateField3 = field3;
        dateField1Digits = field1Digits;
        dateField3Digits = field3Digits;
        dateSeparatorOf = dateSeparator;
    }

    /** Skips U+200E, U+200F and U+202A..U+202E, U+2066..U+2069 direction marks. */
    static int skipMarks(byte[] b, int i, int end) {
        // every mark starts with 0xE2; a header nearly always starts with a digit or '['
        while (i + 2 < end && b[i] == (byte) 0xE2 && isMark(b, i)) {
            i += 3;
        }
        return i;
    }

    static boolean isMark(byte[] b, int i) {
        if (b[i] != (byte) 0xE2) {
            return false;
        }
        int b1 = b[i + 1] & 0xFF;
        int b2 = b[i + 2] & 0xFF;
        return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE)))
                || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
    }

    /** Skips one space, U+00A0 or U+202F; returns {@code i} when there is none. */
    static int skipSpace(byte[] b, int i, int end) {
        if (i < end && b[i] == ' ') {
            return i + 1;
        }
        if (i + 1 < end && b[i] == (byte) 0xC2 && b[i + 1] == (byte) 0xA0) {
            return i + 2;
        }
        if (i + 2 < end && b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x80 && b[i + 2] == (byte) 0xAF) {
            return i + 3;
        }
        return i;
    }

    /** Position after the token, or -1. ASCII letters match either case; a space in the token any space kind. */
    private static int matchToken(byte[] token, byte[] b, int i, int end) {
        for (byte t : token) {
            if (t == ' ') {
                int next = skipSpace(b, i, end);
                if (next == i) {
                    return -1;
                }
                i = next;
                continue;
            }
            if (i >= end) {
                return -1;
            }
            byte c = b[i];
            if (c != t && !(t >= 'a' && t <= 'z' && c == t - 32)) {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static byte[][] tokens(String... tokens) {
        byte[][] result = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            result[i] = tokens[i].getBytes(StandardCharsets.UTF_8);
        }
        return result;
    }
}
