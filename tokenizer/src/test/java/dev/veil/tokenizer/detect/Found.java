package dev.veil.tokenizer.detect;

import java.util.ArrayList;
import java.util.List;

/** Test helper: runs one detector and shows what it found as the matched substrings. */
public final class Found {

    private Found() {}

    public static List<Span> spans(Detector detector, String text) {
        List<Span> out = new ArrayList<>();
        detector.detect(text, out);
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    public static List<String> values(Detector detector, String text) {
        List<String> values = new ArrayList<>();
        for (Span span : spans(detector, text)) {
            values.add(text.substring(span.start(), span.end()));
        }
        return values;
    }

    public static double confidenceOf(Detector detector, String text, String value) {
        for (Span span : spans(detector, text)) {
            if (text.substring(span.start(), span.end()).equals(value)) {
                return span.confidence();
            }
        }
        throw new AssertionError("not found: " + value);
    }
}
