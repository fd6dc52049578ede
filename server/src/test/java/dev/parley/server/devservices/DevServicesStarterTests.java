package dev.parley.server.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DevServicesStarterTests {

    private static final String POOL_SIZE = "spring.r2dbc.pool.max-size";

    @Test
    void localDatabase_sizesThePoolToTwiceTheCores_atLeastFour() {
        var eightCores = new StandardEnvironment();
        DevServicesStarter.addLocalDatabaseDefaults(eightCores, 8);
        var oneCore = new StandardEnvironment();
        DevServicesStarter.addLocalDatabaseDefaults(oneCore, 1);

        assertThat(eightCores.getProperty(POOL_SIZE, Integer.class)).isEqualTo(16);
        assertThat(oneCore.getProperty(POOL_SIZE, Integer.class)).isEqualTo(4);
    }

    @Test
    void localDatabase_keepsAConfiguredPoolSize() {
        var env = new StandardEnvironment();
        // as application.yaml, the command line or the environment would contribute it: before the defaults
        env.getPropertySources().addFirst(new MapPropertySource("configured", Map.of(POOL_SIZE, "3")));

        DevServicesStarter.addLocalDatabaseDefaults(env, 2);

        assertThat(env.getProperty(POOL_SIZE, Integer.class)).isEqualTo(3);
    }
}
