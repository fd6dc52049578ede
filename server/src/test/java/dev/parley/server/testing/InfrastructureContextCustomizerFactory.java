package dev.parley.server.testing;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Points each {@link ParleyIntegrationTest} class's context at its own database and topics. */
class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = TestContextAnnotationUtils.hasAnnotation(testClass, ParleyIntegrationTest.class)
                || MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                        .isPresent(ParleyIntegrationTest.class);
        return annotated ? new PerClassInfrastructure(testClass) : null;
    }

    /** Equal only for the same test class: every class gets its own context, database and topics. */
    private record PerClassInfrastructure(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            TestInfrastructure infrastructure = TestInfrastructure.shared();
            String name = testClass.getSimpleName();
            Map<String, Object> properties = Map.of(
                    "parley.db.url", infrastructure.newDatabaseUrl(name),
                    "parley.db.username", infrastructure.databaseUser(),
                    "parley.kafka.bootstrap", infrastructure.kafkaBootstrap(),
                    "parley.kafka.topic-prefix", name + ".",
                    "parley.home", "target/parley-home/" + name);
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("testInfrastructure", properties));
        }
    }
}
