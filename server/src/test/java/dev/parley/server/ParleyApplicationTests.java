package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParleyApplicationTests {

    private final String before = System.getProperty(ParleyApplication.IO_WORKER_COUNT);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ParleyApplication.IO_WORKER_COUNT);
        } else {
            System.setProperty(ParleyApplication.IO_WORKER_COUNT, before);
        }
    }

    @Test
    void oneEventLoopPerCore_givenNoSetting_usesOneLoopPerCore() {
        System.clearProperty(ParleyApplication.IO_WORKER_COUNT);

        ParleyApplication.oneEventLoopPerCore();

        assertThat(System.getProperty(ParleyApplication.IO_WORKER_COUNT))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void oneEventLoopPerCore_givenASetting_keepsIt() {
        System.setProperty(ParleyApplication.IO_WORKER_COUNT, "7");

        ParleyApplication.oneEventLoopPerCore();

        assertThat(System.getProperty(ParleyApplication.IO_WORKER_COUNT)).isEqualTo("7");
    }
}
