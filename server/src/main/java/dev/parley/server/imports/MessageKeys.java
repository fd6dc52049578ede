package dev.parley.server.imports;

import dev.parley.ingest.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Identities of a message across exports of the same chat: local time, sender and text, as the issue asks. */
final class MessageKeys {

    private MessageKeys() {}

    /** Hash of local time, sender and text: one message's identity across exports of the same chat. */
    static String messageKey(ChatMessage message) {
        return sha256(message.localTime() + "\u0000" + nullToEmpty(message.sender()) + "\u0000"
                        + nullToEmpty(message.text()))
                .substring(0, 32);
    }

    static List<String> messageKeys(List<ChatMessage> messages) {
        return messages.stream().map(MessageKeys::messageKey).toList();
    }

    static String senderAndText(ChatMessage message) {
        return senderAndText(message.sender(), message.text());
    }

    static String senderAndText(@Nullable String sender, @Nullable String text) {
        return nullToEmpty(sender) + "\u0000" + nullToEmpty(text);
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
