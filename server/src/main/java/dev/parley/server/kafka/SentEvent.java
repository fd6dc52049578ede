package dev.parley.server.kafka;

/** A record the broker has acknowledged (acks=all), with the caller's correlation. */
public record SentEvent<C>(C correlation, int partition, long offset) {}
