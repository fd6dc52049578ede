package dev.parley.server.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka settings ({@code parley.kafka.*}).
 *
 * @param bootstrap bootstrap servers; when unset Parley starts its own broker ({@code PARLEY_KAFKA_BOOTSTRAP})
 * @param topicPrefix prepended to every topic and consumer group name; lets tests and tenants share a broker
 * @param partitions partitions of each topic Parley creates at startup
 * @param replicationFactor replication factor of the topics Parley creates
 * @param maxInFlight records a sender keeps in flight; reactor-kafka's default of 256 caps throughput near 30k/s
 * @param commitInterval how often acknowledged offsets are committed
 * @param requestTimeout timeout of admin calls (topic creation, health)
 */
@Validated
@ConfigurationProperties("parley.kafka")
public record KafkaProperties(
        @NotBlank String bootstrap,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("8192") @Min(1) int maxInFlight,
        @DefaultValue("1s") Duration commitInterval,
        @DefaultValue("10s") Duration requestTimeout) {

    /** The full name of a topic or group, with this deployment's prefix. */
    public String name(String base) {
        return topicPrefix + base;
    }
}
