package dev.parley.server.devservices;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The dev services one server started. As the lifecycle bean with the lowest phase it stops last, after the web
 * server and the Kafka consumers, so consumers leave their groups before the broker goes (otherwise the next start
 * waits a whole session timeout). PostgreSQL stops first, the broker last.
 */
final class DevServices implements SmartLifecycle, AutoCloseable {

    private final @Nullable PostgresDevService postgres;
    private final @Nullable KafkaDevService kafka;
    private final AtomicBoolean closed = new AtomicBoolean();

    DevServices(@Nullable PostgresDevService postgres, @Nullable KafkaDevService kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    @Override
    public void start() {
        // started before the context refreshes; see DevServicesStarter
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return !closed.get();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }
}
