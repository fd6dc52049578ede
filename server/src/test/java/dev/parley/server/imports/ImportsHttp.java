package dev.parley.server.imports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** The imports API as a test client sees it, for tests that upload files of realistic size. */
final class ImportsHttp {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final WebClient client;

    ImportsHttp(int port) {
        this.client = WebClient.create("http://localhost:" + port);
    }

    /** Streams the file in 1 MB chunks, as a browser or curl would, without holding it in memory. */
    Map<String, Object> upload(Path file) {
        return client.post()
                .uri("/api/v1/imports?fileName={name}", file.getFileName().toString())
                .contentType(MediaType.TEXT_PLAIN)
                .body(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 1 << 20), DataBuffer.class)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofMinutes(10));
    }

    Map<String, Object> get(String id) {
        return client.get()
                .uri("/api/v1/imports/{id}", id)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(30));
    }

    long count(String id, String counter) {
        return ((Number) counts(get(id)).get(counter)).longValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> counts(Map<String, Object> imp) {
        return (Map<String, Object>) imp.get("counts");
    }
}
