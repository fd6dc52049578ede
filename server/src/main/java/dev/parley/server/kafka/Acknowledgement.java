package dev.parley.server.kafka;

import reactor.kafka.receiver.ReceiverOffset;

/**
 * The acknowledgement of one received record, without the record: what a consumer keeps while the record's effect
 * becomes durable. Acknowledging a record covers the records before it in its partition.
 */
public final class Acknowledgement {

    private final int partition;
    private final ReceiverOffset offset;

    Acknowledgement(int partition, ReceiverOffset offset) {
        this.partition = partition;
        this.offset = offset;
    }

    public int partition() {
        return partition;
    }

    /** Marks the record done; its offset is committed with the next periodic commit or before a rebalance. */
    public void acknowledge() {
        offset.acknowledge();
    }
}
