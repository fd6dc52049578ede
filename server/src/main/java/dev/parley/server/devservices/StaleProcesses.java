package dev.parley.server.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds and stops dev-service processes that a killed earlier run left behind in {@code ./.parley}. */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private StaleProcesses() {}

    /** The pid on the first line of {@code postmaster.pid}, when present. */
    static OptionalLong postmasterPid(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        try (var lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).stream()
                    .mapToLong(Long::longValue)
                    .findFirst();
        }
    }

    static void stopPostmaster(Path dataDirectory) throws IOException {
        OptionalLong pid = postmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !process.get().info().command().orElse("").endsWith("postgres")) {
            return; // a stale pid file; pg_ctl copes with that itself
        }
        log.info("Stopping a PostgreSQL left running by an earlier run pid={}", pid.getAsLong());
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for the dead run's pooled connections.
        new ProcessBuilder("kill", "-INT", Long.toString(pid.getAsLong()))
                .inheritIO()
                .start();
        awaitExit(process.get());
    }

    /** Stops a broker child whose parent died before the broker noticed (it normally exits on its own). */
    static void stopKafkaBroker(Path directory) throws IOException {
        Path pidFile = directory.resolve("broker.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Optional<ProcessHandle> process = pid.matches("\\d+")
                ? ProcessHandle.of(Long.parseLong(pid))
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().orElse("").contains(KafkaBrokerMain.class.getName()))
                : Optional.empty();
        if (process.isPresent()) {
            log.info("Stopping a Kafka broker left running by an earlier run pid={}", pid);
            process.get().destroy();
            awaitExit(process.get());
        }
    }

    static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for pid " + process.pid() + " to stop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Process " + process.pid() + " did not stop within " + STOP_TIMEOUT, e);
        }
    }
}
