package dev.parley.loadtest.reads;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Closed-model HTTP load of Parley's reads (Gatling Java DSL): {@code users} virtual users, each on its own
 * keep-alive connection, send the next request as soon as the previous answer arrived; requests named
 * {@code warmup} for {@code reads.warmup} seconds, then requests named after the scenario for {@code reads.seconds}.
 * One scenario per run, chosen by system properties, so each report holds one figure; the scenarios are those of
 * {@link ReadsRequests}. {@code loadtest/bin/reads-benchmark.sh} runs every scenario next to pgbench with the same SQL.
 *
 * <p>Properties: those of {@link ReadsRequests}, {@code reads.scenario}, {@code reads.users} (32),
 * {@code reads.seconds} (20), {@code reads.warmup} (5).
 */
public final class ReadsSimulation extends Simulation {

    private final String name = System.getProperty("reads.scenario", "page");
    private final int users = Integer.getInteger("reads.users", 32);
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("reads.seconds", 20));
    private final Duration warmup = Duration.ofSeconds(Integer.getInteger("reads.warmup", 5));

    public ReadsSimulation() {
        ReadsRequests requests = new ReadsRequests();
        Supplier<String> paths = requests.paths(name);
        Function<Session, String> uri = session -> paths.get();
        HttpProtocolBuilder protocol = http.baseUrl(requests.base).acceptHeader("application/json");
        ChainBuilder warm = exec(http("warmup").get(uri).check(status().is(200)));
        ChainBuilder measure = exec(http(name).get(uri).check(status().is(200)));
        setUp(scenario(name)
                        .during(warmup)
                        .on(warm)
                        .during(measured)
                        .on(measure)
                        .injectOpen(atOnceUsers(users)))
                .protocols(protocol);
    }
}
