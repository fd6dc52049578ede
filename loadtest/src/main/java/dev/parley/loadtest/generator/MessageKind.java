package dev.parley.loadtest.generator;

/** What the generator meant a written entry to be; mirrors the kinds of the ingest message model. */
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
