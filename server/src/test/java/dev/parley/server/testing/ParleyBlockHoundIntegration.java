package dev.parley.server.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short, bounded critical sections of libraries that BlockHound would report as blocking on an event loop. Each is
 * a lock held for in-memory work only, never across I/O:
 *
 * <ul>
 *   <li>Netty 4.2's adaptive buffer allocator takes a {@code StampedLock} write lock when it grows or frees a
 *       magazine (seen on 100 MB uploads);
 *   <li>Jackson fills its deserializer and serializer caches under a lock the first time a type is (de)serialized,
 *       so two event loops doing that at once park one of them for the duration (seen in a scripted HTTP server).
 * </ul>
 */
public final class ParleyBlockHoundIntegration implements BlockHoundIntegration {

    private static final String MAGAZINE_GROUP = "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup";
    private static final String MAGAZINE = "io.netty.buffer.AdaptivePoolingAllocator$Magazine";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(MAGAZINE_GROUP, "tryExpandMagazines")
                .allowBlockingCallsInside(MAGAZINE_GROUP, "free")
                .allowBlockingCallsInside(MAGAZINE, "tryAllocate")
                .allowBlockingCallsInside(MAGAZINE, "free")
                .allowBlockingCallsInside(
                        "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer")
                .allowBlockingCallsInside(
                        "tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer");
    }
}
