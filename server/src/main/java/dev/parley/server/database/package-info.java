/**
 * How the server talks to PostgreSQL over R2DBC: results in binary, with our own codecs for date and time values
 * where the driver's binary decoding is wrong; write transactions that run to their end once begun.
 */
@NullMarked
package dev.parley.server.database;

import org.jspecify.annotations.NullMarked;
