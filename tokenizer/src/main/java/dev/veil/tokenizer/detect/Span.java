package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

/**
 * A piece of personal data found in a text: its type, where it is ({@code start} inclusive,
 * {@code end} exclusive, Java {@code String} indices) and how sure the detector is (0 to 1).
 */
public record Span(PiiType type, int start, int end, double confidence) {

    public Span {
        requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: [" + start + ", " + end + ") (expected: 0 <= start < end)");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence: " + confidence + " (expected: 0 to 1)");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Span other) {
        return start < other.end && other.start < end;
    }
}
