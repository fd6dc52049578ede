/**
 * Parley's one door to Kafka: send, receive, acknowledge and commit, topic creation and health.
 *
 * <p>reactor-kafka is discontinued upstream (1.3.25 is its last release and runs on kafka-clients 4.x); only this
 * package imports it, so it can be replaced without touching the features. See docs/architecture.md.
 */
@NullMarked
package dev.parley.server.kafka;

import org.jspecify.annotations.NullMarked;
