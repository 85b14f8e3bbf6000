package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds one kind of personal data in free text. Implementations are immutable and thread-safe,
 * run in time linear in the text's length, and never log or keep what they find.
 */
public interface Detector {

    /** The type of every span this detector reports. */
    PiiType type();

    /** Appends every span found in {@code text} to {@code out}, in any order; overlaps allowed. */
    void detect(String text, List<Span> out);
}
