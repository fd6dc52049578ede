/**
 * Imports: the streaming upload of an export, parsed while it arrives and published message by message to Kafka;
 * the import's lifecycle and progress (HTTP, SSE, {@code parley.imports.v1}).
 */
@NullMarked
package dev.parley.server.imports;

import org.jspecify.annotations.NullMarked;
