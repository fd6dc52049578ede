package dev.parley.server.store;

import dev.parley.server.kafka.InboundEvent;

/**
 * Reduces each received record to a {@link ReceivedRow} as it arrives. Keeps what consecutive records share (ids,
 * timestamps), so one encoder serves one subscription, called by one thread at a time.
 */
final class RowEncoder {

    private final MessageRecordDecoder decoder;
    private final MessageRecordDecoder.Ids ids = new MessageRecordDecoder.Ids();
    private final CopyTuples tuples = new CopyTuples();

    RowEncoder(MessageRecordDecoder decoder) {
        this.decoder = decoder;
    }

    ReceivedRow encode(InboundEvent record) {
        return decoder.decode(record, ids)
                .map(row -> new ReceivedRow(row.importId(), tuples.encode(row), record.acknowledgement()))
                .orElseGet(() -> new ReceivedRow(null, null, record.acknowledgement()));
    }
}
