package dev.parley.server.imports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/v1/imports}. */
record CreateImportRequest(
        @NotBlank @Size(max = 255) String fileName,
        @Nullable @PositiveOrZero Long size,
        @Nullable ImportOptions options) {}
