package dev.parley.loadtest.generator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 100MB}, {@code 1GB}, {@code 512k} or {@code 12345} (binary units). */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)i?b?");

    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a size: '" + text + "'; use e.g. 100MB, 1GB, 512KB");
        }
        long value = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Math.multiplyExact(value, 1L << shift);
    }

    private ByteSize() {}
}
