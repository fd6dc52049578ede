package dev.parley.server.store;

import dev.parley.server.kafka.Acknowledgement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A batch of received rows, assembled into one COPY stream per import before its transaction starts, so the next
 * batch is prepared while the database stores this one. Keeps only the last acknowledgement of each partition: the
 * received rows themselves are garbage once assembled.
 */
final class StoreBatch {

    private final int size;
    private final Map<UUID, CopyRows> rowsByImport;
    private final Map<Integer, Acknowledgement> lastOfPartition;

    private StoreBatch(int size, Map<UUID, CopyRows> rowsByImport, Map<Integer, Acknowledgement> lastOfPartition) {
        this.size = size;
        this.rowsByImport = rowsByImport;
        this.lastOfPartition = lastOfPartition;
    }

    /** Groups {@code received} (in the order received) by import; only rows of running imports will be stored. */
    static StoreBatch of(List<ReceivedRow> received) {
        Map<UUID, Integer> bytesByImport = new HashMap<>(2);
        for (ReceivedRow row : received) {
            if (row.importId() != null && row.tuple() != null) {
                bytesByImport.merge(row.importId(), row.tuple().length, Integer::sum);
            }
        }
        Map<UUID, CopyRows> rowsByImport = new LinkedHashMap<>(2);
        Map<Integer, Acknowledgement> lastOfPartition = new HashMap<>();
        for (ReceivedRow row : received) {
            lastOfPartition.put(row.acknowledgement().partition(), row.acknowledgement());
            if (row.importId() != null && row.tuple() != null) {
                rowsByImport
                        .computeIfAbsent(row.importId(), id -> new CopyRows(bytesByImport.get(id) + 2))
                        .add(row.tuple());
            }
        }
        return new StoreBatch(received.size(), rowsByImport, lastOfPartition);
    }

    /** The imports whose messages this batch holds. */
    Set<UUID> importIds() {
        return rowsByImport.keySet();
    }

    CopyRows rowsOf(UUID importId) {
        CopyRows rows = rowsByImport.get(importId);
        if (rows == null) {
            throw new IllegalArgumentException("No rows of import " + importId + " in this batch");
        }
        return rows;
    }

    /** Records received, stored or not. */
    int size() {
        return size;
    }

    /** Acknowledges every record: the last one of each partition covers those before it. */
    void acknowledge() {
        lastOfPartition.values().forEach(Acknowledgement::acknowledge);
    }
}
