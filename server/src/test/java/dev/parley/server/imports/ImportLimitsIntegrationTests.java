package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ParleyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;

/** The upload size limit, with a limit small enough to test. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.imports.max-upload-size=4KB")
class ImportLimitsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void upload_declaredLargerThanTheLimit_is413BeforeReading() {
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build()
                .post()
                .uri("/api/v1/imports?fileName=big.txt")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(new byte[8 * 1024])
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/upload-too-large");
    }

    @Test
    void upload_streamedPastTheLimitWithoutLength_is413AndTheImportFails() {
        byte[] line = "12/03/2024, 09:16 - Anna: Good morning! Are we still on for Saturday?\n"
                .getBytes(StandardCharsets.UTF_8);
        // chunked transfer: no Content-Length, so only counting the bytes can notice
        Flux<DataBuffer> body = Flux.range(0, 200).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(line));
        var response = WebClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/imports?fileName=big.txt")
                .contentType(MediaType.TEXT_PLAIN)
                .body(body, DataBuffer.class)
                .retrieve()
                .toBodilessEntity();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> response.block(Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(
                        WebClientResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build()
                .get()
                .uri("/api/v1/imports?limit=1")
                .exchange()
                .expectBody()
                .jsonPath("$.items[0].status")
                .isEqualTo("FAILED")
                .jsonPath("$.items[0].problem.type")
                .isEqualTo("https://parley.dev/problems/upload-too-large");
    }
}
