package dev.parley.server.store;

import dev.parley.server.kafka.InboundEvent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A batch of received records, decoded and encoded for COPY before its transaction starts, so the next batch is
 * prepared while the database stores this one. Rows are grouped by import: only those of running imports are stored.
 */
final class StoreBatch {

    private final List<InboundEvent> records;
    private final Map<UUID, CopyRows> rowsByImport;

    private StoreBatch(List<InboundEvent> records, Map<UUID, CopyRows> rowsByImport) {
        this.records = records;
        this.rowsByImport = rowsByImport;
    }

    static StoreBatch decode(List<InboundEvent> records, MessageRecordDecoder decoder) {
        var ids = new MessageRecordDecoder.Ids();
        Map<UUID, CopyRows> rowsByImport = new LinkedHashMap<>(2);
        for (InboundEvent record : records) {
            decoder.decode(record, ids)
                    .ifPresent(row -> rowsByImport
                            .computeIfAbsent(row.importId(), id -> new CopyRows(records.size()))
                            .add(row));
        }
        return new StoreBatch(records, rowsByImport);
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

    int size() {
        return records.size();
    }

    /** Acknowledges every record: the last one of each partition covers those before it. */
    void acknowledge() {
        Set<Integer> partitions = new HashSet<>();
        for (InboundEvent record : records.reversed()) {
            if (partitions.add(record.partition())) {
                record.acknowledge();
            }
        }
    }
}
