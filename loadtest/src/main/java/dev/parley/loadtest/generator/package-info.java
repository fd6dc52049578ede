/**
 * A seeded, deterministic generator of realistic chat exports (WhatsApp text and zip, Telegram Desktop JSON)
 * for benchmarks, load tests and large-file tests. Entry point: {@link dev.parley.loadtest.generator.ExportGenerator}.
 */
@NullMarked
package dev.parley.loadtest.generator;

import org.jspecify.annotations.NullMarked;
