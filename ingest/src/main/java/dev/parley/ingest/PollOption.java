package dev.parley.ingest;

/**
 * One answer of a poll.
 *
 * @param text the option as written
 * @param votes number of votes at export time
 */
public record PollOption(String text, int votes) {}
