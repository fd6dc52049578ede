/**
 * Dev services: a real PostgreSQL and a real single-node KRaft Kafka broker that Parley starts for itself when no
 * external ones are configured, for a person's first run and for the tests.
 *
 * <p>Both run as child processes whose data lives under {@code ./.parley/} between runs. They watch their parent
 * and exit when it dies, so a killed server never leaves an orphaned postgres or broker behind.
 */
@NullMarked
package dev.parley.server.devservices;

import org.jspecify.annotations.NullMarked;
