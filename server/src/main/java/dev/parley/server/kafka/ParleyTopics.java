package dev.parley.server.kafka;

import dev.parley.server.kafka.TopicAdmin.TopicSpec;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** The topic contracts of docs/events.md, created at startup with the configured partitions. */
@Component
public final class ParleyTopics implements SmartInitializingSingleton {

    /** One record per message, keyed by conversation id. */
    public static final String MESSAGES = "parley.messages.v1";
    /** Messages that kept failing enrichment, with the error in headers. */
    public static final String MESSAGES_DLT = "parley.messages.v1-dlt";
    /** Import lifecycle and progress, keyed by import id; compacted so the latest state of each import stays. */
    public static final String IMPORTS = "parley.imports.v1";
    /** Enrichment results (sentiment, link previews), keyed by conversation id. */
    public static final String ENRICHMENTS = "parley.enrichments.v1";

    private final TopicAdmin admin;

    ParleyTopics(TopicAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        admin.createMissing(List.of(
                new TopicSpec(MESSAGES, Map.of()),
                new TopicSpec(MESSAGES_DLT, Map.of()),
                new TopicSpec(IMPORTS, Map.of("cleanup.policy", "compact")),
                new TopicSpec(ENRICHMENTS, Map.of())));
    }
}
