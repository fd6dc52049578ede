package dev.parley.server.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A tiny shell loop that outlives this JVM only long enough to stop a daemonized child (postgres detaches from us
 * through pg_ctl) when this JVM dies without running its shutdown hooks, e.g. on SIGKILL.
 */
final class ParentWatchdog implements AutoCloseable {

    private final Process process;

    private ParentWatchdog(Process process) {
        this.process = process;
    }

    /** Sends SIGINT (PostgreSQL's "fast" shutdown) to {@code childPid} once this JVM is gone. */
    static ParentWatchdog interruptWhenParentDies(long childPid) {
        long parent = ProcessHandle.current().pid();
        String script =
                "while kill -0 %d 2>/dev/null; do sleep 1; done; kill -INT %d 2>/dev/null".formatted(parent, childPid);
        try {
            var process = new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new ParentWatchdog(process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the watchdog for pid " + childPid, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
