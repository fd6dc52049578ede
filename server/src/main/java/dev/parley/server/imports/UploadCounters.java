package dev.parley.server.imports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one running upload. Written by the pipeline (one signal at a time), read by the progress ticker on
 * another thread, hence atomics. The digest is only touched by the pipeline.
 */
final class UploadCounters {

    final AtomicLong bytes = new AtomicLong();
    final AtomicLong parsed = new AtomicLong();
    final AtomicLong fresh = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    private final MessageDigest sha256;

    UploadCounters() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    void received(byte[] chunk) {
        bytes.addAndGet(chunk.length);
        sha256.update(chunk);
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
