package dev.parley.server.messages;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where the cursor key comes from: {@code parley.messages.cursor-secret} when set, else a random key created on the
 * first read and kept in the {@code settings} table, shared by every instance on the database. Loaded once and
 * cached; a failed load is retried by the next request.
 */
@Component
public class CursorKeys {

    private static final String SETTING = "cursor-secret";

    private final Mono<Cursors> cursors;

    CursorKeys(DatabaseClient database, MessagesProperties properties) {
        String configured = properties.cursorSecret();
        if (configured != null && !configured.isBlank()) {
            this.cursors = Mono.just(new Cursors(configured.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        // generated here, on the starting thread: SecureRandom may read /dev/urandom, which must not happen on an
        // event loop
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        String encoded = Base64.getEncoder().encodeToString(candidate);
        this.cursors = database.sql(
                        "INSERT INTO settings (name, value) VALUES (:name, :value)" + " ON CONFLICT (name) DO NOTHING")
                .bind("name", SETTING)
                .bind("value", encoded)
                .then()
                .then(database.sql("SELECT value FROM settings WHERE name = :name")
                        .bind("name", SETTING)
                        .map(row -> row.get(0, String.class))
                        .one())
                .map(stored -> new Cursors(Base64.getDecoder().decode(stored)))
                // caches the key; errors and empty results are not cached
                .cacheInvalidateIf(loaded -> false);
    }

    /** The cursor codec, once the key is known. */
    public Mono<Cursors> cursors() {
        return cursors;
    }
}
