package dev.veil.policy.engine;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds base64 blobs in free text, for {@code on_encoded: drop}; they are never decoded. A blob is
 * a run of at least {@link #MIN_LENGTH} characters of the base64 alphabet that mixes upper- and
 * lower-case letters and digits, or ends in {@code =} padding: the shape of encoded bytes, not of
 * words, numbers, hexadecimal hashes or {@code prefix_} tokens.
 */
final class EncodedBlobs {

    /** 12 bytes of data: shorter runs are too often names and identifiers. */
    static final int MIN_LENGTH = 16;

    private static final Pattern RUN = Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{" + (MIN_LENGTH - 2) + ",}={0,2}(?![A-Za-z0-9+/=_-])");

    private EncodedBlobs() {}

    /** The blobs of {@code text} as spans of {@code type}, in order. */
    static List<Span> find(String text, PiiType type) {
        List<Span> blobs = new ArrayList<>();
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            if (isBlob(m.group())) {
                blobs.add(new Span(type, m.start(), m.end(), 1.0));
            }
        }
        return blobs;
    }

    /** Whether {@code text}, spaces around it aside, is one blob. */
    static boolean isWholly(String text) {
        String trimmed = text.strip();
        return RUN.matcher(trimmed).matches() && isBlob(trimmed);
    }

    /** {@code spans} without those a blob overlaps, and the blobs, sorted by start. */
    static List<Span> merge(List<Span> blobs, List<Span> spans) {
        List<Span> all = new ArrayList<>(blobs);
        for (Span span : spans) {
            if (blobs.stream().noneMatch(b -> b.overlaps(span))) {
                all.add(span);
            }
        }
        all.sort(Comparator.comparingInt(Span::start));
        return all;
    }

    private static boolean isBlob(String run) {
        if (run.length() < MIN_LENGTH) {
            return false;
        }
        boolean padded = run.endsWith("=");
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return padded ? run.length() % 4 == 0 && (upper || digit) : upper && lower && digit;
    }
}
