package dev.parley.server.imports;

/** Lifecycle of an import. RECEIVING → PROCESSING → COMPLETED, or FAILED / CANCELLED at any point before. */
public enum ImportStatus {
    /** Waiting for or reading the upload; messages are parsed and published while bytes arrive. */
    RECEIVING,
    /** The whole file is parsed and published; waiting until every message is stored. */
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
