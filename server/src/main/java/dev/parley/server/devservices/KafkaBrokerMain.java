package dev.parley.server.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Entry point of the child JVM that runs a single-node KRaft broker (broker and controller in one node).
 *
 * <p>Arguments: log directory, client port, controller port. The broker stops when its parent's end of our stdin
 * closes, which happens however the parent ends, SIGKILL included.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        exitWhenParentGoes(System.in);

        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logs = dir.resolve("data");
        writeConfig(config, logs, port, controllerPort);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static void writeConfig(Path config, Path logs, int port, int controllerPort) throws IOException {
        var p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        // A single node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "false");
        // Consumers of a fresh group start at once instead of waiting for more members to join.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", Integer.toString(256 * 1024 * 1024));
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "Written by Parley's Kafka dev service on every start");
        }
    }

    private static void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        int code = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString()},
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed with code " + code);
        }
    }

    private static void exitWhenParentGoes(InputStream parentPipe) {
        var watcher = new Thread(
                () -> {
                    try {
                        while (parentPipe.read() >= 0) {
                            // the parent never writes; we only wait for end of stream
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the same as end of stream
                    }
                    System.exit(0); // runs Kafka's shutdown hook: a clean broker stop
                },
                "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
