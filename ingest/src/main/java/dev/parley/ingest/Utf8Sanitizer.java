package dev.parley.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Passes well-formed UTF-8 through untouched (no copy) and replaces every maximal ill-formed subpart (Unicode
 * 3.9, table 3-7) by U+FFFD, counting each one. A sequence cut by a chunk boundary is carried (at most 3 bytes),
 * so the result does not depend on how the input was chunked.
 */
final class Utf8Sanitizer implements ByteSink {

    static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final ByteSink next;
    private final ParseContext context;
    private final byte[] pending = new byte[8];
    private int pendingLength;

    Utf8Sanitizer(ByteSink next, ParseContext context) {
        this.next = next;
        this.context = context;
    }

    @Override
    public void accept(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (pendingLength > 0) {
            i = completePending(b, i, end);
            if (i < 0) {
                return;
            }
        }
        int segment = i;
        while (i < end) {
            if (i + 8 <= end) {
                long high = (long) LONGS.get(b, i) & HIGH_BITS;
                if (high == 0) {
                    i += 8;
                    continue;
                }
                // skip the ASCII bytes before the first non-ASCII one at once
                i += Long.numberOfTrailingZeros(high) >>> 3;
            } else if (b[i] >= 0) {
                i++;
                continue;
            }
            int c = b[i];
            // well-formed two- and three-byte sequences (most non-Latin text) without the general check
            if (c >= (byte) 0xC2 && c <= (byte) 0xDF && i + 1 < end && b[i + 1] < (byte) 0xC0) {
                i += 2;
                continue;
            }
            if (c >= (byte) 0xE1
                    && c <= (byte) 0xEF
                    && c != (byte) 0xED
                    && i + 2 < end
                    && b[i + 1] < (byte) 0xC0
                    && b[i + 2] < (byte) 0xC0) {
                i += 3;
                continue;
            }
            int n = sequence(b, i, end);
            if (n > 0) {
                i += n;
            } else if (n == 0) {
                flush(b, segment, i);
                pendingLength = end - i;
                System.arraycopy(b, i, pending, 0, pendingLength);
                return;
            } else {
                flush(b, segment, i);
                replace();
                i -= n;
                segment = i;
            }
        }
        flush(b, segment, end);
    }

    /** Returns where to go on in {@code b}, or -1 when {@code b} was used up and the sequence is still open. */
    private int completePending(byte[] b, int start, int end) {
        int taken = Math.min(4 - pendingLength, end - start);
        System.arraycopy(b, start, pending, pendingLength, taken);
        int available = pendingLength + taken;
        int n = sequence(pending, 0, available);
        if (n == 0) {
            pendingLength = available;
            return -1;
        }
        int before = pendingLength;
        pendingLength = 0;
        if (n > 0) {
            next.accept(pending, 0, n);
            return start + (n - before);
        }
        replace();
        return start + Math.max(0, -n - before);
    }

    @Override
    public void end() {
        if (pendingLength > 0) {
            pendingLength = 0;
            replace();
        }
        next.end();
    }

    private void flush(byte[] b, int from, int to) {
        if (to > from) {
            next.accept(b, from, to - from);
        }
    }

    private void replace() {
        context.invalidUtf8++;
        next.accept(REPLACEMENT, 0, REPLACEMENT.length);
    }

    /**
     * Length of the well-formed sequence at {@code i}; 0 when it is a well-formed prefix cut by {@code end}; minus
     * the length of the maximal ill-formed subpart otherwise.
     */
    static int sequence(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) {
                low = 0xA0;
            } else if (c == 0xED) {
                high = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) {
                low = 0x90;
            } else if (c == 0xF4) {
                high = 0x8F;
            }
        } else {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= end) {
                return 0;
            }
            int d = b[i + k] & 0xFF;
            if (d < low || d > high) {
                return -k;
            }
            low = 0x80;
            high = 0xBF;
        }
        return length;
    }
}
