package dev.parley.ingest;

/** Coarse type of an attachment, from the placeholder wording or the file extension. */
public enum MediaType {
    IMAGE,
    VIDEO,
    AUDIO,
    VOICE,
    STICKER,
    GIF,
    DOCUMENT,
    CONTACT,
    /** The export says that media was left out but not which kind ({@code <Media omitted>}). */
    UNKNOWN
}
