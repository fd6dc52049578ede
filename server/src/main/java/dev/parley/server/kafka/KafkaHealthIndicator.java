package dev.parley.server.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Kafka is up when the cluster answers a describe-cluster call in time. Part of readiness, never of liveness. */
@Component("kafka")
class KafkaHealthIndicator implements ReactiveHealthIndicator {

    private final TopicAdmin admin;

    KafkaHealthIndicator(TopicAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Mono<Health> health() {
        return admin.clusterId()
                .map(id -> Health.up().withDetail("clusterId", id).build())
                .onErrorResume(e -> Mono.just(Health.down().withException(e).build()));
    }
}
