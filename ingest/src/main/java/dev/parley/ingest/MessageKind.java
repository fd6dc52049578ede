package dev.parley.ingest;

/** What a {@link ChatMessage} is; one value per record type of the sealed hierarchy. */
public enum MessageKind {
    TEXT,
    MEDIA,
    SYSTEM,
    DELETED,
    POLL,
    LOCATION,
    CONTACT,
    CALL
}
