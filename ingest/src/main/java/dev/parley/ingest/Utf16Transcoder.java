package dev.parley.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns UTF-16 (byte order from the BOM or the sniffed NUL pattern) into UTF-8 for the parsers behind it.
 * Unpaired surrogates become U+FFFD and are counted like invalid UTF-8. Rare input, so clarity beats speed here.
 */
final class Utf16Transcoder implements ByteSink {

    private final ByteSink next;
    private final ParseContext context;
    private final CharsetDecoder decoder;
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    Utf16Transcoder(boolean bigEndian, ByteSink next, ParseContext context) {
        this.next = next;
        this.context = context;
        this.decoder = (bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE)
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + length);
        in.put(carry).put(bytes, offset, length).flip();
        decode(in, false);
        carry = in;
    }

    @Override
    public void end() {
        decode(carry, true);
        if (carry.hasRemaining()) {
            context.invalidUtf8++;
            chars.put('\uFFFD');
        }
        decoder.flush(chars);
        emit();
        next.end();
    }

    private void decode(ByteBuffer in, boolean endOfInput) {
        while (true) {
            CoderResult result = decoder.decode(in, chars, endOfInput);
            if (result.isError()) {
                in.position(in.position() + result.length());
                context.invalidUtf8++;
                if (!chars.hasRemaining()) {
                    emit();
                }
                chars.put('\uFFFD');
            } else if (result.isOverflow()) {
                emit();
            } else {
                emit();
                return;
            }
        }
    }

    private void emit() {
        chars.flip();
        if (chars.hasRemaining()) {
            byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
            next.accept(utf8, 0, utf8.length);
        }
        chars.clear();
    }
}
