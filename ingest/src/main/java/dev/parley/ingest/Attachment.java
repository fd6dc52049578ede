package dev.parley.ingest;

import org.jspecify.annotations.Nullable;

/**
 * A file a message refers to.
 *
 * @param fileName the file name as the export writes it, or {@code null} when the export omitted media
 * @param mediaType coarse type of the file
 * @param present whether the archive that was parsed holds the file; always {@code false} for plain text input
 */
public record Attachment(@Nullable String fileName, MediaType mediaType, boolean present) {}
