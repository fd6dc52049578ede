package dev.parley.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the raw UTF-8 of a WhatsApp line into a String, so the text parser reads the bytes as they came and
 * validates them once, while decoding. The JDK's decoder replaces ill-formed input by U+FFFD, but not always
 * one per maximal ill-formed subpart (an encoded surrogate becomes one U+FFFD, not three), so a string that
 * holds U+FFFD — rare — is decoded again the way {@link Utf8Sanitizer} does it, and its replacements counted.
 */
final class Utf8Text {

    private Utf8Text() {}

    static String decode(byte[] b, int from, int length, ParseContext context) {
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        // no cost for Latin-1 strings (they cannot hold U+FFFD), a vectorised scan for the others
        return text.indexOf('\uFFFD') < 0 ? text : replacing(b, from, from + length, context);
    }

    private static String replacing(byte[] b, int from, int to, ParseContext context) {
        var out = new ByteArrayOutputStream(to - from + 16);
        int i = from;
        while (i < to) {
            int n = Utf8Sanitizer.sequence(b, i, to);
            if (n > 0) {
                out.write(b, i, n);
                i += n;
            } else {
                out.write(Utf8Sanitizer.REPLACEMENT, 0, Utf8Sanitizer.REPLACEMENT.length);
                context.invalidUtf8++;
                // a sequence cut by the end of the line is one ill-formed subpart
                i = n == 0 ? to : i - n;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
