package io.flapguard.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: routers' payloads must be valid UTF-8 text or they are refused. */
public final class Utf8 {
    private Utf8() {
    }

    /** @return the decoded text, or null when the bytes are not valid UTF-8 */
    public static String decodeStrict(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Valid UTF-8, allowing a multi-byte character cut off at the end (a truncated payload). */
    static boolean isValidPrefix(byte[] bytes) {
        for (int cut = 0; cut < 4 && cut <= bytes.length; cut++) {
            if (decodeStrict(java.util.Arrays.copyOf(bytes, bytes.length - cut)) != null) {
                return true;
            }
        }
        return false;
    }
}
