package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Recognises files that are certainly not chat exports from their first bytes, and binary data in general. */
final class FileSniffer {

    private FileSniffer() {}

    /** A typed error for a known non-chat file type, or null. */
    static @Nullable ParseException knownType(byte[] b, int n) {
        String what = null;
        if (starts(b, n, "%PDF")) {
            what = "a PDF document";
        } else if (starts(b, n, 0x89, 'P', 'N', 'G')) {
            what = "a PNG image";
        } else if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
            what = "a JPEG image";
        } else if (starts(b, n, "GIF87a") || starts(b, n, "GIF89a")) {
            what = "a GIF image";
        } else if (starts(b, n, "RIFF") && n >= 12 && ascii(b, 8, "WEBP")) {
            what = "a WebP image";
        } else if (n >= 12 && ascii(b, 4, "ftyp")) {
            what = "a video or HEIC image";
        } else if (starts(b, n, "ID3") || starts(b, n, "OggS")) {
            what = "an audio file";
        } else if (starts(b, n, 0x1F, 0x8B)) {
            what = "a gzip-compressed file";
        } else if (starts(b, n, "Rar!")) {
            what = "a RAR archive";
        } else if (starts(b, n, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            what = "a 7-Zip archive";
        } else if (starts(b, n, 0xD0, 0xCF, 0x11, 0xE0)) {
            what = "a Microsoft Office document";
        } else if (starts(b, n, "{\\rtf")) {
            what = "an RTF document";
        } else if (starts(b, n, "SQLite format 3")) {
            what = "an SQLite database";
        }
        if (what != null) {
            return new ParseException(
                    Reason.UNSUPPORTED_FILE_TYPE,
                    "This looks like " + what + ", not a chat export. Upload the .txt or .zip from WhatsApp's"
                            + " \"Export chat\" or Telegram Desktop's result.json.");
        }
        int i = 0;
        while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        if (n - i >= 5 && b[i] == '<') {
            String head = new String(b, i, Math.min(n - i, 15), StandardCharsets.ISO_8859_1).toLowerCase();
            if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
                return new ParseException(
                        Reason.UNSUPPORTED_FILE_TYPE,
                        "This looks like a web page (perhaps Telegram's HTML export), not a chat export Parley"
                                + " reads. Export the chat from Telegram Desktop as JSON (\"Machine-readable JSON\").");
            }
        }
        return null;
    }

    /**
     * Whether a UTF-8 window is binary: any NUL, or (at least eight and) more than one in twenty bytes being control characters or
     * invalid UTF-8.
     */
    static boolean binary(byte[] b, int n) {
        int bad = 0;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return true;
            }
            if (c < 0x80) {
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) {
                    bad++;
                }
                i++;
                continue;
            }
            int length = Utf8Sanitizer.sequence(b, i, n);
            if (length > 0) {
                i += length;
            } else if (length == 0) {
                break;
            } else {
                bad++;
                i -= length;
            }
        }
        return bad >= 8 && bad * 20 > n;
    }

    /** 1 for UTF-16LE, 2 for UTF-16BE without a BOM (ASCII-heavy text with NULs in every other byte), else 0. */
    static int utf16WithoutBom(byte[] b, int n) {
        if (n < 8) {
            return 0;
        }
        int evenZero = 0;
        int oddZero = 0;
        int pairs = n / 2;
        for (int i = 0; i + 1 < n; i += 2) {
            if (b[i] == 0) {
                evenZero++;
            }
            if (b[i + 1] == 0) {
                oddZero++;
            }
        }
        if (oddZero * 10 > pairs * 7 && evenZero * 10 < pairs) {
            return 1;
        }
        if (evenZero * 10 > pairs * 7 && oddZero * 10 < pairs) {
            return 2;
        }
        return 0;
    }

    static boolean starts(byte[] b, int n, String ascii) {
        return n >= ascii.length() && ascii(b, 0, ascii);
    }

    static boolean starts(byte[] b, int n, int... bytes) {
        if (n < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((b[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
