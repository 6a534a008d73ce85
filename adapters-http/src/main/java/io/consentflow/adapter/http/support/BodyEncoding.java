package io.consentflow.adapter.http.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of a JSON body as a JSON parser detects it from its first bytes (RFC 4627 section 3): a byte order
 * mark names it; otherwise JSON text starts with two ASCII characters, so the pattern of zero bytes among the
 * first four tells UTF-32 and UTF-16 (either byte order) from UTF-8. {@code skip} is the byte order mark's length.
 */
record BodyEncoding(Charset charset, int skip) {
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    /** UTF-32 in an unusual byte order (2143, 3412), which no decoder reads: refused as not text. */
    private static final BodyEncoding UNSUPPORTED = new BodyEncoding(null, 0);

    static BodyEncoding of(byte[] b) {
        if (b.length >= 4) {
            int quad = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
            if (quad == 0x0000FEFF) return new BodyEncoding(UTF_32BE, 4);
            if (quad == 0xFFFE0000) return new BodyEncoding(UTF_32LE, 4);
            if (quad == 0x0000FFFE || quad == 0xFEFF0000) return UNSUPPORTED;
            BodyEncoding marked = marked(quad >>> 16, quad >>> 8);
            if (marked != null) return marked;
            if (quad >>> 8 == 0) return new BodyEncoding(UTF_32BE, 0);
            if ((quad & 0x00FFFFFF) == 0) return new BodyEncoding(UTF_32LE, 0);
            if ((quad & ~0x00FF0000) == 0 || (quad & ~0x0000FF00) == 0) return UNSUPPORTED;
            return unmarked16(quad >>> 16);
        }
        if (b.length >= 2) {
            int pair = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
            BodyEncoding marked = marked(pair, b.length >= 3 ? pair << 8 | (b[2] & 0xFF) : -1);
            return marked != null ? marked : unmarked16(pair);
        }
        return new BodyEncoding(StandardCharsets.UTF_8, 0);
    }

    private static BodyEncoding marked(int firstTwo, int firstThree) {
        if (firstTwo == 0xFEFF) return new BodyEncoding(StandardCharsets.UTF_16BE, 2);
        if (firstTwo == 0xFFFE) return new BodyEncoding(StandardCharsets.UTF_16LE, 2);
        if (firstThree == 0xEFBBBF) return new BodyEncoding(StandardCharsets.UTF_8, 3);
        return null;
    }

    private static BodyEncoding unmarked16(int firstTwo) {
        if ((firstTwo & 0xFF00) == 0) return new BodyEncoding(StandardCharsets.UTF_16BE, 0);
        if ((firstTwo & 0x00FF) == 0) return new BodyEncoding(StandardCharsets.UTF_16LE, 0);
        return new BodyEncoding(StandardCharsets.UTF_8, 0);
    }

    /**
     * Bytes that are not text in this encoding are refused, except in UTF-16, whose reader in a JSON parser
     * replaces them (U+FFFD) rather than refusing.
     */
    String decode(byte[] body) throws CharacterCodingException {
        if (charset == null) throw new CharacterCodingException();
        CodingErrorAction onError = charset == StandardCharsets.UTF_16BE || charset == StandardCharsets.UTF_16LE
                ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        return charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)
                .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
    }
}
