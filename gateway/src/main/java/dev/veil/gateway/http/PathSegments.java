package dev.veil.gateway.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a raw path into percent-decoded segments, so that {@code %2F} stays inside its segment. */
final class PathSegments {

    private PathSegments() {}

    /** The decoded segments of {@code rawPath}, or null when it is not an absolute path of valid UTF-8 escapes. */
    static List<String> decode(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return null;
        }
        List<String> segments = new ArrayList<>();
        if (rawPath.length() == 1) {
            return segments;
        }
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String segment = decodeSegment(raw);
            if (segment == null) {
                return null;
            }
            segments.add(segment);
        }
        return segments;
    }

    private static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
