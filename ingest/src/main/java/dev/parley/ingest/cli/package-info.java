/** The command-line entry of {@code parley-ingest.jar}. */
@NullMarked
package dev.parley.ingest.cli;

import org.jspecify.annotations.NullMarked;
