package dev.parley.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Parley's entry point. With no external PostgreSQL or Kafka configured it starts its own (see devservices). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    /** Reactor Netty's event loops per group; read once, when its first loop group is made. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        oneEventLoopPerCore();
        SpringApplication.run(ParleyApplication.class, args);
    }

    /**
     * One event loop per core unless {@value #IO_WORKER_COUNT} is set. Reactor Netty makes at least four, and the HTTP
     * server and the PostgreSQL driver each have a group of their own: eight busy threads on two cores. With two each,
     * a page read cost the server 0.46–0.51 ms of CPU instead of 0.61–0.63 ms (docs/performance.md, "Reads, third
     * round"). Where there are four cores or more this is Reactor Netty's default anyway.
     */
    static void oneEventLoopPerCore() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(
                    IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
