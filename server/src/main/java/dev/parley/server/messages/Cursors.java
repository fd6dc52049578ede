package dev.parley.server.messages;

import dev.parley.server.problem.Problems;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors: a small binary position plus an HMAC-SHA256 tag (truncated to 128 bits) over the
 * position and a <em>scope</em> — owner, conversation and filters — that is not part of the token. A cursor that was
 * altered, or that belongs to another conversation, owner or filter, fails verification and is answered with 400.
 * Thread-safe: each call takes its own {@link Mac}, cloned from a keyed prototype.
 */
public final class Cursors {

    private static final int TAG_BYTES = 16;
    private static final byte VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Mac prototype;

    Cursors(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.prototype = newMac();
    }

    /** A token for {@code position} that verifies only under the same {@code scope}. */
    public String encode(String scope, byte[] position) {
        return token(position, keyed(scope.getBytes(StandardCharsets.UTF_8)).doFinal(position));
    }

    /**
     * The tokens of one scope, for a caller that makes several (a page of search hits): the scope is hashed once
     * instead of once per token.
     */
    public Scoped scoped(String scope) {
        return new Scoped(scope.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens under one scope. Thread-safe: each token is tagged by a clone of the scoped {@link Mac}. */
    public final class Scoped {

        private final byte[] scope;
        private final Mac scoped;

        private Scoped(byte[] scope) {
            this.scope = scope;
            this.scoped = keyed(scope);
        }

        /** A token for {@code position}, the same as {@link Cursors#encode} with this scope makes. */
        public String encode(byte[] position) {
            Mac mac;
            try {
                mac = (Mac) scoped.clone();
            } catch (CloneNotSupportedException e) {
                mac = keyed(scope);
            }
            return token(position, mac.doFinal(position));
        }
    }

    /** The version, the position and the MAC truncated to {@value #TAG_BYTES} bytes, in URL-safe Base64. */
    private static String token(byte[] position, byte[] mac) {
        byte[] token = new byte[1 + position.length + TAG_BYTES];
        token[0] = VERSION;
        System.arraycopy(position, 0, token, 1, position.length);
        System.arraycopy(mac, 0, token, 1 + position.length, TAG_BYTES);
        return ENCODER.encodeToString(token);
    }

    /** The position of a token made by {@link #encode} under {@code scope}; a 400 problem otherwise. */
    public ByteBuffer decode(String scope, String cursor) {
        byte[] token;
        try {
            token = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (token.length < 1 + TAG_BYTES || token[0] != VERSION) {
            throw invalid();
        }
        byte[] position = Arrays.copyOfRange(token, 1, token.length - TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(token, token.length - TAG_BYTES, token.length);
        if (!MessageDigest.isEqual(tag, tag(scope, position))) {
            throw invalid();
        }
        return ByteBuffer.wrap(position);
    }

    private byte[] tag(String scope, byte[] position) {
        return Arrays.copyOf(keyed(scope.getBytes(StandardCharsets.UTF_8)).doFinal(position), TAG_BYTES);
    }

    /** A MAC that has read the key and {@code scope}, ready for a position. */
    private Mac keyed(byte[] scope) {
        Mac mac;
        try {
            // a clone of the keyed prototype: Mac.getInstance + init looks up the provider on every call
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        mac.update(scope);
        mac.update((byte) 0);
        return mac;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The 400 problem of a cursor that does not verify or does not fit the request. */
    public static RuntimeException invalid() {
        return Problems.badRequest(
                "invalid-cursor",
                "The cursor is not valid for this request: it was changed, or it belongs to another conversation or"
                        + " other filters. Start again without a cursor.");
    }
}
