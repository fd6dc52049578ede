package dev.parley.server.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Creates Parley's topics and answers health checks, through one shared admin client. */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private final KafkaProperties properties;
    private final Admin admin;

    TopicAdmin(KafkaProperties properties) {
        this.properties = properties;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) properties.requestTimeout().toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) properties.requestTimeout().toMillis()));
    }

    /**
     * Creates the topics (names without prefix) that do not exist yet. Called once at startup, off any event loop,
     * so it may wait.
     */
    public void createMissing(Collection<TopicSpec> topics) {
        List<NewTopic> newTopics = topics.stream()
                .map(spec -> new NewTopic(
                                properties.name(spec.name()), properties.partitions(), properties.replicationFactor())
                        .configs(spec.configs()))
                .toList();
        try {
            Set<String> existing =
                    admin.listTopics().names().get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    newTopics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing)
                        .all()
                        .get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
                log.info(
                        "Created topics names={}",
                        missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topics", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + properties.requestTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        }
    }

    /** The id of the cluster, without blocking: the admin client's future completes on its own thread. */
    public Mono<String> clusterId() {
        return Mono.fromCompletionStage(
                        () -> admin.describeCluster().clusterId().toCompletionStage())
                .timeout(properties.requestTimeout());
    }

    @Override
    public void close() {
        admin.close();
    }

    /** A topic to create: its name without the deployment prefix, and its topic-level configs. */
    public record TopicSpec(String name, Map<String, String> configs) {}
}
