package dev.parley.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class CursorsTests {

    private final Cursors cursors = new Cursors("test-secret".getBytes());
    private final MessagePosition position =
            new MessagePosition(true, Instant.parse("2024-05-01T10:00:00.123456Z"), 42);

    @Test
    void decode_givenOwnToken_returnsThePosition() {
        String token = cursors.encode("scope", position.toBytes());

        assertThat(MessagePosition.fromBytes(cursors.decode("scope", token))).isEqualTo(position);
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void decode_givenAnyChangedCharacter_is400() {
        String token = cursors.encode("scope", position.toBytes());
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertInvalid(() -> cursors.decode("scope", tampered));
        }
    }

    @Test
    void decode_givenOtherScopeOrKeyOrGarbage_is400() {
        String token = cursors.encode("scope", position.toBytes());

        assertInvalid(() -> cursors.decode("other scope", token));
        assertInvalid(() -> new Cursors("other-secret".getBytes()).decode("scope", token));
        assertInvalid(() -> cursors.decode("scope", "%%%"));
        assertInvalid(() -> cursors.decode("scope", ""));
        assertInvalid(() -> MessagePosition.fromBytes(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void scoped_encode_makesTheTokensOfEncodeUnderThatScope() {
        Cursors.Scoped scoped = cursors.scoped("scope");
        MessagePosition other = new MessagePosition(false, Instant.parse("1969-07-20T20:17:40Z"), 7);

        assertThat(scoped.encode(position.toBytes())).isEqualTo(cursors.encode("scope", position.toBytes()));
        assertThat(scoped.encode(other.toBytes())).isEqualTo(cursors.encode("scope", other.toBytes()));
        assertThat(MessagePosition.fromBytes(cursors.decode("scope", scoped.encode(other.toBytes()))))
                .isEqualTo(other);
        assertInvalid(() -> cursors.decode("scope2", cursors.scoped("scope2x").encode(position.toBytes())));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getBody().getType().toString()).endsWith("/invalid-cursor");
        });
    }
}
