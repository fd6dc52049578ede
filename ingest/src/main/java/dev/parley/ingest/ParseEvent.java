package dev.parley.ingest;

/**
 * What {@link ChatParser#parse} emits: zero or more {@link ChatMessage}s in export order, then exactly one
 * {@link ParseReport} as the last element.
 */
public sealed interface ParseEvent permits ChatMessage, ParseReport {}
