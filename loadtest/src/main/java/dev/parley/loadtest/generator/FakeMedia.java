package dev.parley.loadtest.generator;

import java.util.SplittableRandom;

/** Small placeholder files with the right magic bytes, so the zip looks like one WhatsApp writes. */
final class FakeMedia {

    private static final int BODY_BYTES = 512;

    static byte[] content(String name, SplittableRandom random) {
        byte[] magic = magic(name.substring(name.lastIndexOf('.') + 1));
        byte[] content = new byte[magic.length + BODY_BYTES];
        System.arraycopy(magic, 0, content, 0, magic.length);
        for (int i = magic.length; i < content.length; i++) {
            content[i] = (byte) random.nextInt(256);
        }
        return content;
    }

    private static byte[] magic(String extension) {
        return switch (extension) {
            case "jpg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
            case "mp4" -> new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
            case "opus" -> new byte[] {'O', 'g', 'g', 'S'};
            case "webp" -> new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
            case "pdf" -> new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n'};
            case "vcf" -> "BEGIN:VCARD\nVERSION:3.0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            default -> new byte[0];
        };
    }

    private FakeMedia() {}
}
