package dev.parley.server.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in a child JVM. A child keeps the broker's classpath, threads and logging
 * apart from the server's, and it can be stopped (and watch us) as a process.
 */
public final class KafkaDevService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaDevService.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process broker;
    private final int port;

    private KafkaDevService(Process broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /** Starts the broker with its log directory under {@code directory} and waits until it serves metadata. */
    public static KafkaDevService start(Path directory) {
        long started = System.nanoTime();
        int port = FreePort.find();
        int controllerPort = FreePort.find();
        try {
            Files.createDirectories(directory);
            StaleProcesses.stopKafkaBroker(directory);
            List<String> command = new ArrayList<>(JavaCommand.forMainClass(
                    KafkaBrokerMain.class,
                    List.of(
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-Dlogback.configurationFile=dev/parley/server/devservices/broker-logback.xml")));
            command.addAll(List.of(directory.toString(), Integer.toString(port), Integer.toString(controllerPort)));
            Process broker = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("broker.log").toFile())
                    .start();
            Files.writeString(directory.resolve("broker.pid"), Long.toString(broker.pid()));
            var service = new KafkaDevService(broker, port);
            service.awaitReady();
            log.info(
                    "Kafka dev service up bootstrap={} directory={} tookMs={}",
                    service.bootstrapServers(),
                    directory,
                    (System.nanoTime() - started) / 1_000_000);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Kafka broker in " + directory, e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!portOpen()) {
            if (exitedWithin(Duration.ofMillis(100))) {
                throw new IllegalStateException(
                        "The embedded Kafka broker exited with code " + broker.exitValue() + "; see broker.log");
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(
                        "The embedded Kafka broker did not open its port within " + STARTUP_TIMEOUT);
            }
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) STARTUP_TIMEOUT.toMillis()))) {
            admin.describeCluster().nodes().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The embedded Kafka broker did not become ready", e);
        }
    }

    private boolean exitedWithin(Duration wait) {
        try {
            return broker.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        }
    }

    private boolean portOpen() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker cleanly (SIGTERM runs its shutdown hook), forcibly if it does not stop in time. */
    @Override
    public void close() {
        if (!broker.isAlive()) {
            return;
        }
        broker.destroy();
        try {
            if (!broker.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Kafka dev service did not stop within {}; killing it", STOP_TIMEOUT);
                broker.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.destroyForcibly();
        }
    }
}
