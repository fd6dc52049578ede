package dev.parley.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A full server on a random port against the real PostgreSQL and Kafka of {@link TestInfrastructure}, with a
 * database and topic prefix of its own test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(InfrastructureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Each class has a context of its own (own database and topics), so caching it buys nothing; closing it after the
// class stops its consumers while the shared broker is still up, and keeps memory flat.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface ParleyIntegrationTest {}
