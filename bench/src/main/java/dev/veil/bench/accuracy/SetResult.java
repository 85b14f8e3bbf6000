package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score of Veil on one data set: counts per scored type, the number of words in its texts,
 * and how many of Veil's detections (of any type) overlap no annotation at all.
 */
public record SetResult(String name, Map<PiiType, Counts> counts, long words, int detections, int unannotated,
        List<Miss> misses) {

    public SetResult {
        requireNonNull(name, "name");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        misses = List.copyOf(misses);
    }

    /** Detections that overlap no annotation of any label, per 10,000 words of text; NaN without text. */
    public double unannotatedPer10kWords() {
        return words == 0 ? Double.NaN : unannotated * 10_000.0 / words;
    }
}
