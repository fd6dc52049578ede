package dev.parley.server.devservices;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL and Kafka broker when no external ones are configured, and points the
 * application at them.
 *
 * <p>It runs as the very first bean-factory post-processor of the refresh: after every initializer and test
 * customizer has contributed its properties (so configured infrastructure is seen), yet before configuration
 * classes are parsed (so conditions on {@code spring.flyway.url} see the embedded database).
 */
public final class DevServicesStarter
        implements ApplicationContextInitializer<ConfigurableApplicationContext>,
                BeanDefinitionRegistryPostProcessor,
                PriorityOrdered {

    private static final Logger log = LoggerFactory.getLogger(DevServicesStarter.class);
    static final String DATABASE = "parley";

    private @Nullable ConfigurableApplicationContext context;

    @Override
    public void initialize(ConfigurableApplicationContext applicationContext) {
        var starter = new DevServicesStarter();
        starter.context = applicationContext;
        applicationContext.addBeanFactoryPostProcessor(starter);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (context == null) {
            return;
        }
        ConfigurableEnvironment env = context.getEnvironment();
        var settings = DevServicesSettings.from(env);
        Map<String, Object> properties = new HashMap<>(settings.externalProperties());
        if (settings.needsPostgres() || settings.needsKafka()) {
            if (!settings.enabled()) {
                throw new IllegalStateException("No PostgreSQL (PARLEY_DB_URL) or Kafka (PARLEY_KAFKA_BOOTSTRAP) is"
                        + " configured and parley.dev-services.enabled is false");
            }
            DevServices services = start(settings, properties);
            context.getBeanFactory().registerSingleton("parleyDevServices", services);
            Runtime.getRuntime().addShutdownHook(new Thread(services::close, "parley-dev-services-stop"));
        }
        env.getPropertySources().addFirst(new MapPropertySource("parleyInfrastructure", properties));
        if (settings.needsPostgres()) {
            addLocalDatabaseDefaults(env, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Defaults for a database on this machine, behind every other property source, so anything configured wins.
     * The embedded PostgreSQL shares this machine's cores: about two busy connections per core keep them busy, and
     * more only move the queue from the pool, where requests wait in order, into the kernel's run queue, where every
     * request's tail grows (pool 4 against 16 on 2 cores: docs/performance.md, "The R2DBC pool against 2 cores").
     * Exports have a pool of their own, so no download holds one of these connections for long.
     */
    static void addLocalDatabaseDefaults(ConfigurableEnvironment env, int processors) {
        env.getPropertySources()
                .addLast(new MapPropertySource(
                        "parleyLocalDatabaseDefaults",
                        Map.of("spring.r2dbc.pool.max-size", Math.max(4, 2 * processors))));
    }

    private static DevServices start(DevServicesSettings settings, Map<String, Object> properties) {
        Path home = settings.home();
        log.info(
                "Starting dev services home={} postgres={} kafka={}",
                home,
                settings.needsPostgres(),
                settings.needsKafka());
        // Both start in parallel: most of a cold start is waiting on the two child processes. Threads made here
        // inherit our context class loader, which Kafka's clients need inside a Boot fat jar (the common pool's don't).
        try (ExecutorService starting = Executors.newFixedThreadPool(
                2, Thread.ofPlatform().name("dev-services-", 0).factory())) {
            CompletableFuture<@Nullable PostgresDevService> postgres = settings.needsPostgres()
                    ? CompletableFuture.supplyAsync(() -> startPostgres(home.resolve("postgres")), starting)
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<@Nullable KafkaDevService> kafka = settings.needsKafka()
                    ? CompletableFuture.supplyAsync(() -> KafkaDevService.start(home.resolve("kafka")), starting)
                    : CompletableFuture.completedFuture(null);
            try {
                CompletableFuture.allOf(postgres, kafka).join();
            } catch (CompletionException e) {
                closeQuietly(postgres);
                closeQuietly(kafka);
                throw e;
            }
            return started(postgres.join(), kafka.join(), properties);
        }
    }

    private static DevServices started(
            @Nullable PostgresDevService pg, @Nullable KafkaDevService broker, Map<String, Object> properties) {
        if (pg != null) {
            properties.putAll(
                    DatabaseUrls.of(pg.jdbcUrl(DATABASE), pg.user(), "").springProperties());
        }
        if (broker != null) {
            properties.put("parley.kafka.bootstrap", broker.bootstrapServers());
        }
        return new DevServices(pg, broker);
    }

    private static PostgresDevService startPostgres(Path dataDirectory) {
        var postgres = PostgresDevService.start(dataDirectory, Map.of());
        postgres.createDatabase(DATABASE);
        return postgres;
    }

    private static void closeQuietly(CompletableFuture<? extends @Nullable AutoCloseable> service) {
        service.thenAccept(s -> {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (Exception e) {
                log.warn("Could not stop a dev service", e);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
