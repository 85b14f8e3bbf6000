package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;

/**
 * One scoring error, kept so a developer can see which cases fail: an annotation no detection
 * matched, a detection of a scored type that matched no annotation, or a detection of any type
 * that overlaps no annotation at all.
 */
public record Miss(Kind kind, PiiType type, Document document, int start, int end) {

    /** What went wrong. */
    public enum Kind {
        /** An annotation of a scored type that no detection of that type matched. */
        MISSED,
        /** A detection of a scored type that matched no annotation of that type. */
        WRONG,
        /** A detection of an unscored type that overlaps no annotation of any label. */
        STRAY
    }

    public Miss {
        requireNonNull(kind, "kind");
        requireNonNull(type, "type");
        requireNonNull(document, "document");
    }
}
