package dev.parley.loadtest.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Views of heap use while something runs. The peak of "used" mostly shows how large the collector lets the
 * young generation grow before collecting; what the work really holds is the heap still used right after a
 * full collection, so the largest such value is reported too.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong maxLiveAfterGc = new AtomicLong();
    private final AtomicLong maxLiveAfterMajorGc = new AtomicLong();
    private final AtomicLong majorCollections = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    HeapWatch() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean collector : collectors) {
            ((NotificationEmitter) collector).addNotificationListener(this, null, null);
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long live = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(pool.getKey())) {
                live += pool.getValue().getUsed();
            }
        }
        collections.incrementAndGet();
        maxLiveAfterGc.accumulateAndGet(live, Math::max);
        if (info.getGcAction().contains("major")) {
            majorCollections.incrementAndGet();
            maxLiveAfterMajorGc.accumulateAndGet(live, Math::max);
        }
    }

    private boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : heapPools) {
            if (pool.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Sum of each heap pool's peak: an upper bound of the peak of the whole heap's "used". */
    long peakUsedBytes() {
        return heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /**
     * Largest heap still in use right after any collection. After a young collection the old generation
     * still holds promoted garbage, so this overstates what the work retains.
     */
    long maxLiveAfterGcBytes() {
        return maxLiveAfterGc.get();
    }

    /** Largest heap still in use right after a full collection: the live set, what the work really retains. */
    long maxLiveAfterMajorGcBytes() {
        return maxLiveAfterMajorGc.get();
    }

    long majorCollections() {
        return majorCollections.get();
    }

    long collections() {
        return collections.get();
    }

    @Override
    public void close() throws ListenerNotFoundException {
        for (GarbageCollectorMXBean collector : collectors) {
            ((NotificationEmitter) collector).removeNotificationListener(this);
        }
    }
}
