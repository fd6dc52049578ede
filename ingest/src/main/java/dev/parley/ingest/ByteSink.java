package dev.parley.ingest;

/** A stage of the byte pipeline. It must not keep a reference to {@code bytes} after {@link #accept} returns. */
interface ByteSink {

    void accept(byte[] bytes, int offset, int length);

    /** End of input: flush what is pending. */
    void end();
}
