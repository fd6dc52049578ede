package dev.parley.ingest;

import java.util.Arrays;

/**
 * Authors repeat on nearly every line; this maps their raw bytes to one normalised String, so that a message
 * costs no extra allocation for its sender, and recognises a known author without looking for the end of the
 * name: a line whose body starts with a cached name followed by {@code ": "} has that author (a cached name holds
 * neither {@code ": "} nor a quotation mark, so no scan would end it elsewhere). Names are found by a hash of their
 * first bytes (up to four, stopping at a colon, so a short name's hash never takes in the text after it), in 128
 * sets of four; bounded, and a miss just scans and decodes.
 */
final class SenderCache {

    private static final int SETS = 128;
    private static final int WAYS = 4;

    private final byte[][] keys = new byte[SETS * WAYS][];
    private final String[] values = new String[SETS * WAYS];
    /** Ill-formed UTF-8 subparts in each key, counted again on every hit as if the name had been decoded. */
    private final int[] invalid = new int[SETS * WAYS];
    /** The way each set replaces next. */
    private final byte[] victims = new byte[SETS];

    private int matched = -1;

    /**
     * The end of the cached name that starts the body at {@code from}, followed by {@code ": "} before {@code end};
     * -1 when no cached name does. After a match, {@link #matched} is its sender.
     */
    int match(byte[] b, int from, int end, ParseContext context) {
        int first = set(b, from, end) * WAYS;
        for (int slot = first; slot < first + WAYS; slot++) {
            byte[] key = keys[slot];
            if (key == null) {
                return -1;
            }
            int colon = from + key.length;
            if (colon + 1 < end
                    && b[colon] == ':'
                    && b[colon + 1] == ' '
                    && Arrays.equals(key, 0, key.length, b, from, colon)) {
                context.invalidUtf8 += invalid[slot];
                matched = slot;
                return colon;
            }
        }
        return -1;
    }

    /** The sender of the last {@link #match}. */
    String matched() {
        return values[matched];
    }

    /** Decodes and remembers the name in {@code b[from, to)}, which a {@code ": "} follows. */
    String add(byte[] b, int from, int to, ParseContext context) {
        long before = context.invalidUtf8;
        String value = normalise(Utf8Text.decode(b, from, to - from, context));
        int set = set(b, from, to);
        int slot = set * WAYS;
        while (slot < set * WAYS + WAYS - 1 && keys[slot] != null) {
            slot++;
        }
        if (keys[slot] != null) {
            slot = set * WAYS + victims[set];
            victims[set] = (byte) ((victims[set] + 1) % WAYS);
        }
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = value;
        invalid[slot] = (int) (context.invalidUtf8 - before);
        return value;
    }

    /** A hash of the name's first bytes: up to four, none from the {@code ": "} after a shorter name. */
    private static int set(byte[] b, int from, int end) {
        int hash = 0;
        int limit = Math.min(end, from + 4);
        for (int i = from; i < limit && b[i] != ':'; i++) {
            hash = hash * 31 + b[i];
        }
        return (hash ^ (hash >>> 7) ^ (hash >>> 14)) & (SETS - 1);
    }

    /** Strips direction marks and the "~ " WhatsApp puts before people who are not in the contacts. */
    static String normalise(String raw) {
        String name = WhatsAppMessages.stripMarks(raw);
        if (name.length() > 1 && name.charAt(0) == '~') {
            int i = 1;
            while (i < name.length()
                    && (name.charAt(i) == ' ' || name.charAt(i) == '\u00A0' || name.charAt(i) == '\u202F')) {
                i++;
            }
            name = WhatsAppMessages.stripMarks(name.substring(i));
        }
        return name;
    }
}
