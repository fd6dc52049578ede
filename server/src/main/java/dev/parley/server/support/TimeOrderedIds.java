package dev.parley.server.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp then random bits. Time-ordered ids keep B-tree inserts local, and
 * unlike {@link UUID#randomUUID()} they never read {@code /dev/urandom} on an event loop. They are identifiers,
 * not secrets: access is checked by owner on every query.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {}

    public static UUID next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
