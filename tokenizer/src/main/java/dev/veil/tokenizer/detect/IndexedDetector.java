package dev.veil.tokenizer.detect;

import java.util.List;

/** A detector that can take its candidate positions from a {@link TextIndex} shared by a registry. */
public interface IndexedDetector extends Detector {

    /** Indexes {@code text} on its own; a registry indexes once for all its detectors instead. */
    @Override
    default void detect(String text, List<Span> out) {
        detect(text, TextIndex.of(text), out);
    }

    /** Same result as {@link #detect(String, List)}, visiting only the candidates in {@code index}. */
    void detect(String text, TextIndex index, List<Span> out);
}
