package dev.parley.server.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator briefly takes a {@code StampedLock} write lock when it grows or frees a
 * magazine. It is a short critical section by design, not I/O; BlockHound would otherwise report it on any event
 * loop that allocates under load (seen on 100 MB uploads).
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    private static final String MAGAZINE_GROUP = "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup";
    private static final String MAGAZINE = "io.netty.buffer.AdaptivePoolingAllocator$Magazine";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(MAGAZINE_GROUP, "tryExpandMagazines")
                .allowBlockingCallsInside(MAGAZINE_GROUP, "free")
                .allowBlockingCallsInside(MAGAZINE, "tryAllocate")
                .allowBlockingCallsInside(MAGAZINE, "free");
    }
}
