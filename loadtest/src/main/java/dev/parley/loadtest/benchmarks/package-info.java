/** JMH benchmarks of the ingest parser on generated exports; run with {@code java -jar loadtest/target/parley-benchmarks.jar}. */
@NullMarked
package dev.parley.loadtest.benchmarks;

import org.jspecify.annotations.NullMarked;
